import { describe, expect, it } from 'vitest';
import { addBusinessDays } from '../../functions/core/business-calendar.ts';
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from '../../functions/core/business-hours.ts';
import { DEFAULT_LIFECYCLE_POLICY } from '../../functions/core/case-lifecycle.ts';
import { evaluateFollowUp, scheduleFollowUps } from '../../functions/core/follow-up.ts';
import { planFollowUp } from '../../functions/core/follow-up-plan.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { TemplateRenderer } from '../../functions/mail/render-template.ts';
import { repoTemplatesDir } from '../support/repo-templates.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const renderer = await TemplateRenderer.load(await repoTemplatesDir());
const berlin: BusinessHours = {
  ...DEFAULT_BUSINESS_HOURS,
  timeZone: 'Europe/Berlin',
  holidays: ['2026-12-24', '2026-12-25'],
};
const team = SAMPLE_TEAM;
// Monday 23 November 2026, 15:00 in Berlin.
const wentPending = '2026-11-23T14:00:00.000Z';
const pending: SupportCase = {
  caseId: 'id',
  caseNumber: 1001,
  version: 5,
  subject: 'Order 4711',
  requester: { address: 'ana@customer.test', name: 'Ana Souza' },
  participants: ['ana@customer.test'],
  status: 'pending',
  priority: 'normal',
  flags: [],
  assignee: 'A-101',
  createdAt: '2026-11-23T08:00:00Z',
  updatedAt: wentPending,
  firstResponseAt: wentPending,
  threadReferences: [],
  recent: [],
  pendingSpans: [{ from: wentPending }],
};
const transcript = {
  entries: [
    {
      at: wentPending,
      who: 'Maria Lopez (Example Support)',
      fromUs: true,
      words: 'Could you send us the order number?',
      attachments: '',
    },
  ],
  omitted: 0,
};
const survey = {
  linksFor: () => ({
    links: { great: 'https://s/great', okay: 'https://s/okay', 'not-good': 'https://s/bad' },
    expiresAt: new Date('2027-01-01T00:00:00Z'),
  }),
};

describe('business days', () => {
  it('counts only open days, skipping weekends and holidays, at the same local time', () => {
    expect(addBusinessDays(berlin, new Date(wentPending), 3).toISOString()).toBe('2026-11-26T14:00:00.000Z'); // Thursday
    expect(addBusinessDays(berlin, new Date('2026-11-27T14:00:00Z'), 1).toISOString()).toBe('2026-11-30T14:00:00.000Z'); // Friday → Monday
    expect(addBusinessDays(berlin, new Date('2026-12-23T14:00:00Z'), 1).toISOString()).toBe('2026-12-28T14:00:00.000Z'); // over Christmas
    expect(addBusinessDays(berlin, new Date(wentPending), 0).toISOString()).toBe(wentPending);
  });

  it('keeps the wall-clock time across a DST change', () => {
    // Friday 23 October 2026 15:00 CEST (13:00Z); clocks go back on Sunday 25 October: Monday 15:00 is CET (14:00Z).
    expect(addBusinessDays(berlin, new Date('2026-10-23T13:00:00Z'), 1).toISOString()).toBe('2026-10-26T14:00:00.000Z');
  });
});

describe('following up on a case that waits on the customer', () => {
  it('schedules a nudge after three quiet business days and the automatic solve four business days later', () => {
    expect(scheduleFollowUps(pending, DEFAULT_LIFECYCLE_POLICY, berlin)).toEqual([
      {
        caseNumber: 1001,
        target: 'pending-follow-up',
        stage: 'nudge',
        dueAt: '2026-11-26T14:00:00.000Z',
        clockStart: wentPending,
      },
      {
        caseNumber: 1001,
        target: 'pending-follow-up',
        stage: 'auto-solve',
        dueAt: '2026-12-02T14:00:00.000Z',
        clockStart: wentPending,
      },
    ]);
    expect(
      scheduleFollowUps(
        { ...pending, status: 'open', pendingSpans: [{ from: wentPending, to: '2026-11-24T08:00:00Z' }] },
        DEFAULT_LIFECYCLE_POLICY,
        berlin,
      ),
    ).toEqual([]);
  });

  it('can be switched off, each part on its own', () => {
    expect(
      scheduleFollowUps(pending, { ...DEFAULT_LIFECYCLE_POLICY, nudgeAfterBusinessDays: 0 }, berlin).map((c) => [
        c.stage,
        c.dueAt,
      ]),
    ).toEqual([['auto-solve', '2026-11-27T14:00:00.000Z']]);
    expect(
      scheduleFollowUps(pending, { ...DEFAULT_LIFECYCLE_POLICY, autoSolveAfterBusinessDays: 0 }, berlin).map(
        (c) => c.stage,
      ),
    ).toEqual(['nudge']);
  });

  it('counts a business day as some business minutes when the policy says so (the demo), still only in opening hours', () => {
    // Went pending Monday 15:00 Berlin; a 90-minute business day: nudge after 3 × 90 min of opening hours.
    const minutes = { ...DEFAULT_LIFECYCLE_POLICY, businessDayMinutes: 90 };
    expect(scheduleFollowUps(pending, minutes, berlin).map((c) => [c.stage, c.dueAt])).toEqual([
      ['nudge', '2026-11-24T10:30:00.000Z'], // 2 h on Monday, 2.5 h on Tuesday from 09:00
      ['auto-solve', '2026-11-25T08:30:00.000Z'], // 7 × 90 min = 10.5 h: Monday 2 h, Tuesday 8 h, Wednesday 09:00-09:30
    ]);
  });

  it('drops a check once the customer answered or the case went pending again, and holds an early one', () => {
    const [nudge] = scheduleFollowUps(pending, DEFAULT_LIFECYCLE_POLICY, berlin);
    const due = new Date(nudge!.dueAt);
    expect(evaluateFollowUp(nudge!, pending, DEFAULT_LIFECYCLE_POLICY, berlin, due)).toEqual({ action: 'fire' });
    expect(evaluateFollowUp(nudge!, pending, DEFAULT_LIFECYCLE_POLICY, berlin, new Date(due.getTime() - 1))).toEqual({
      action: 'wait',
      until: due,
    });
    const answered = {
      ...pending,
      status: 'open' as const,
      pendingSpans: [{ from: wentPending, to: '2026-11-24T08:00:00Z' }],
    };
    expect(evaluateFollowUp(nudge!, answered, DEFAULT_LIFECYCLE_POLICY, berlin, due)).toMatchObject({
      action: 'stale',
    });
    const again = {
      ...pending,
      pendingSpans: [{ from: wentPending, to: '2026-11-24T08:00:00Z' }, { from: '2026-11-24T09:00:00Z' }],
    };
    expect(evaluateFollowUp(nudge!, again, DEFAULT_LIFECYCLE_POLICY, berlin, due)).toMatchObject({
      action: 'stale',
      reason: 'the case went pending again at 2026-11-24T09:00:00Z',
    });
  });

  it("nudges the customer kindly in the assignee's name, and says when the case would close", async () => {
    const [nudge, autoSolve] = scheduleFollowUps(pending, DEFAULT_LIFECYCLE_POLICY, berlin);
    const plan = planFollowUp({
      check: nudge!,
      supportCase: pending,
      team,
      supportName: 'Example Support',
      replyAddresses: { forCustomer: () => 'support+c@x', forAgents: () => 'support+a@x' },
      survey,
      timeZone: 'Europe/Berlin',
      transcript,
      autoSolveAt: autoSolve!.dueAt,
      now: new Date(nudge!.dueAt),
    });
    expect(plan.supportCase).toMatchObject({ status: 'pending', version: 6 });
    expect(plan.drafts.nudge).toMatchObject({
      kind: 'follow-up',
      fromName: 'Maria Lopez (Example Support)',
      to: [{ address: 'ana@customer.test' }],
      automatic: true,
      customerFacing: true,
      replyTo: 'support+c@x',
    });
    const { text } = await renderer.render(plan.drafts.nudge!.template, plan.drafts.nudge!.data);
    expect(text).toContain("I'm just checking in on case #1001");
    expect(text).toContain('> Could you send us the order number?');
    expect(text).toContain("If we don't hear from you by Wednesday 2 December, I'll close the case for now");
    expect(text).toContain('Maria Lopez · Agent ID A-101');
  });

  it('solves a silent case with the closing message, its survey and transcript', async () => {
    const [, autoSolve] = scheduleFollowUps(pending, DEFAULT_LIFECYCLE_POLICY, berlin);
    const now = new Date(autoSolve!.dueAt);
    const plan = planFollowUp({
      check: autoSolve!,
      supportCase: { ...pending, assignee: undefined } as SupportCase,
      team,
      supportName: 'Example Support',
      replyAddresses: { forCustomer: () => 'support+c@x', forAgents: () => 'support+a@x' },
      survey,
      timeZone: 'Europe/Berlin',
      transcript,
      now,
    });
    expect(plan.supportCase).toMatchObject({
      status: 'solved',
      solvedAt: now.toISOString(),
      pendingSpans: [{ from: wentPending, to: now.toISOString() }],
    });
    // Nobody was assigned: the team speaks, under the support name.
    expect(plan.drafts.closing).toMatchObject({ kind: 'closing', fromName: 'Example Support', automatic: true });
    const { text } = await renderer.render(plan.drafts.closing!.template, plan.drafts.closing!.data);
    expect(text).toContain(
      "I haven't heard back from you on case #1001 since Monday 23 November, so I'm closing it for now.",
    );
    expect(text).toContain('Great:     https://s/great');
    expect(text).toContain('Could you send us the order number?');
    expect(text).not.toContain('Agent ID');
  });
});
