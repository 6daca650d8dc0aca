import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_LIFECYCLE_POLICY } from '../../functions/core/case-lifecycle.ts';
import { planRating, type RatingInput } from '../../functions/core/rating-recovery.ts';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import { replyAddresses } from '../../functions/core/reply-token.ts';
import { DEFAULT_SLA_POLICY, scheduleChecks } from '../../functions/core/sla-clock.ts';
import { planSupervisorRequest } from '../../functions/core/supervisor-request.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { TemplateRenderer } from '../../functions/mail/render-template.ts';
import { repoTemplatesDir } from '../support/repo-templates.ts';
import { SAMPLE_TEAM } from '../support/sample-team.ts';

const renderer = await TemplateRenderer.load(await repoTemplatesDir());
const hours = DEFAULT_BUSINESS_HOURS; // Monday to Friday 09:00-17:00 UTC

/** Case #1001, solved by Maria on Monday 2026-03-02 at 15:00. */
const solved: SupportCase = {
  caseId: 'case-1001',
  caseNumber: 1001,
  version: 5,
  subject: 'My order never arrived',
  requester: { address: 'ana@customer.test', name: 'Ana Souza' },
  participants: ['ana@customer.test'],
  status: 'solved',
  priority: 'normal',
  flags: [],
  assignee: 'A-101',
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedAt: '2026-03-02T15:00:00.000Z',
  firstResponseAt: '2026-03-02T11:00:00.000Z',
  solvedAt: '2026-03-02T15:00:00.000Z',
  threadReferences: [],
  recent: [],
};

/** A rating Ana gives at 16:30 that Monday: an hour of business time is left before closing. */
const rating = (answer: RatingEvent['answer'], extra: Partial<RatingEvent> = {}): RatingEvent => ({
  eventId: 'e-1',
  caseNumber: 1001,
  agentId: 'A-101',
  answer,
  ratedAt: '2026-03-02T16:30:00.000Z',
  round: 1,
  ...extra,
});

const input = (given: RatingEvent, changes: Partial<RatingInput> = {}): RatingInput => ({
  rating: given,
  supportCase: solved,
  team: SAMPLE_TEAM,
  lifecycle: DEFAULT_LIFECYCLE_POLICY,
  slaPolicy: DEFAULT_SLA_POLICY,
  businessHours: hours,
  supportName: 'Example Support',
  replyAddresses: replyAddresses('a-secret-of-at-least-thirty-two-characters', 'support@example.test', new Date()),
  ...changes,
});

describe('an unhappy rating', () => {
  it('reopens the solved case for a follow-up, held by the agent it was for, its answer due in a business hour', () => {
    // Act
    const plan = planRating(input(rating('not-good', { comment: 'Had to write three times' })));

    // Assess: half an hour today, half an hour when the team opens on Tuesday
    expect(plan.supportCase).toMatchObject({
      status: 'open',
      version: 6,
      assignee: 'A-101',
      awaitingAnswerSince: '2026-03-02T16:30:00.000Z',
      followUp: { openedAt: '2026-03-02T16:30:00.000Z', round: 2, answer: 'not-good', agentId: 'A-101' },
    });
    expect(plan.supportCase).not.toHaveProperty('solvedAt');
    expect(plan.followUpBy).toEqual(new Date('2026-03-03T09:30:00.000Z'));
    expect(plan.supportCase?.recent.at(-1)).toMatchObject({
      who: 'Survey',
      snippet: 'Rated “Not good”: Had to write three times',
    });
  });

  it('mails the agent and the supervisor on duty at once, with the vote, the comment and when it is due', async () => {
    // Act
    const { drafts } = planRating(input(rating('not-good', { comment: 'Had to write three times' })));
    const toMaria = await renderer.render(drafts.agent!.template, drafts.agent!.data);

    // Assess
    expect(Object.keys(drafts).sort()).toEqual(['agent', 'supervisor']);
    expect(drafts.agent?.to).toEqual([{ address: 'maria@staff.test', name: 'Maria Lopez' }]);
    expect(drafts.supervisor?.to).toEqual([{ address: 'sam@staff.test', name: 'Sam Okafor' }]);
    expect(drafts.agent).toMatchObject({ kind: 'agent-notice', automatic: true, customerFacing: false });
    expect(toMaria.subject).toBe('[Case #1001] Rated “Not good”, reopened for a follow-up: My order never arrived');
    expect(toMaria.text).toContain('  Had to write three times');
    expect(toMaria.text).toContain('get back to them by Tuesday 3 March at 09:30 UTC');
    expect(toMaria.html).toContain('Had to write three times');
  });

  it('runs only the follow-up target: no next-response or resolution alarms for the old case', () => {
    // Act
    const reopened = planRating(input(rating('not-good'))).supportCase!;

    // Assess
    expect(scheduleChecks(reopened, DEFAULT_SLA_POLICY, hours).map((c) => `${c.target} ${c.stage} ${c.dueAt}`)).toEqual(
      [
        'follow-up warning 2026-03-03T09:15:00.000Z', // 45 business minutes: 30 on Monday, 15 on Tuesday
        'follow-up breach 2026-03-03T09:30:00.000Z',
        'follow-up re-escalation 2026-03-03T10:30:00.000Z',
      ],
    );
  });

  it('stops the follow-up target once an agent has answered the rating', () => {
    // Prepare: what an agent's answer does to the case (awaitingAnswerSince cleared)
    const { awaitingAnswerSince: _answered, ...answered } = planRating(input(rating('not-good'))).supportCase!;

    // Assess
    expect(scheduleChecks(answered, DEFAULT_SLA_POLICY, hours)).toEqual([]);
  });

  it('follows up "Okay" only where closing.followUpOn says so', () => {
    expect(planRating(input(rating('okay'))).supportCase).toBeUndefined();
    expect(
      planRating(
        input(rating('okay'), { lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, followUpOn: ['not-good', 'okay'] } }),
      ).supportCase,
    ).toMatchObject({ status: 'open', followUp: { answer: 'okay' } });
  });

  it('on a case already open tells the agent and the supervisor again, and leaves the follow-up as it is', () => {
    // Prepare
    const following = planRating(input(rating('not-good'))).supportCase!;

    // Act
    const again = planRating(input(rating('not-good', { comment: 'Still waiting' }), { supportCase: following }));

    // Assess
    expect(again.supportCase?.followUp).toEqual(following.followUp);
    expect(Object.keys(again.drafts).sort()).toEqual(['agent', 'supervisor']);
  });

  it('of a case the team solved goes to the team address and the supervisor', () => {
    const { drafts } = planRating(input(rating('not-good', { agentId: 'team' })));
    expect(drafts.team?.to).toEqual([{ address: 'team@staff.test' }]);
    expect(drafts.supervisor?.to).toEqual([{ address: 'sam@staff.test', name: 'Sam Okafor' }]);
  });
});

describe('a better rating in the follow-up round', () => {
  const following = planRating(input(rating('not-good'))).supportCase!;
  const solvedAgain: SupportCase = { ...following, status: 'solved', version: 8 };

  it('is a recovery: recoveredAt is set once, and the agent is thanked for a "Great" with words', () => {
    // Act
    const plan = planRating(
      input(rating('great', { round: 2, ratedAt: '2026-03-04T10:00:00.000Z', comment: 'Maria sorted it' }), {
        supportCase: solvedAgain,
      }),
    );
    const again = planRating(input(rating('great', { round: 2 }), { supportCase: plan.supportCase! }));

    // Assess
    expect(plan.supportCase).toMatchObject({ status: 'solved', version: 9, recoveredAt: '2026-03-04T10:00:00.000Z' });
    expect(Object.keys(plan.drafts)).toEqual(['thanks']);
    expect(plan.drafts.thanks?.to).toEqual([{ address: 'maria@staff.test', name: 'Maria Lopez' }]);
    expect(again.supportCase).toBeUndefined();
  });

  it("is no recovery when it is no better, or when it changes the first round's answer", () => {
    expect(
      planRating(input(rating('not-good', { round: 2 }), { supportCase: solvedAgain })).supportCase,
    ).not.toHaveProperty('recoveredAt');
    expect(planRating(input(rating('great', { round: 1 }), { supportCase: solvedAgain })).supportCase).toBeUndefined();
  });
});

describe('a "Great" with a comment', () => {
  it("thanks the agent in the customer's words, and changes nothing on the case", async () => {
    // Act
    const plan = planRating(input(rating('great', { comment: 'Quick and kind!' })));
    const mail = await renderer.render(plan.drafts.thanks!.template, plan.drafts.thanks!.data);

    // Assess
    expect(plan.supportCase).toBeUndefined();
    expect(mail.subject).toBe('[Case #1001] A customer said thank you: My order never arrived');
    expect(mail.text).toContain('Hi Maria Lopez,');
    expect(mail.text).toContain('  Quick and kind!');
  });

  it('thanks nobody without a comment, when switched off, or when the team solved it', () => {
    expect(planRating(input(rating('great'))).drafts).toEqual({});
    expect(
      planRating(
        input(rating('great', { comment: 'Thanks' }), {
          lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, thankAgentOnGreat: false },
        }),
      ).drafts,
    ).toEqual({});
    expect(planRating(input(rating('great', { comment: 'Thanks', agentId: 'team' }))).drafts).toEqual({});
  });
});

describe('"I\'d like a supervisor to contact me"', () => {
  const request = (supportCase: SupportCase) =>
    planSupervisorRequest({
      supportCase,
      rating: rating('not-good', { comment: 'Nobody listens' }),
      team: SAMPLE_TEAM,
      slaPolicy: DEFAULT_SLA_POLICY,
      businessHours: hours,
      supportName: 'Example Support',
      replyAddresses: input(rating('great')).replyAddresses,
      now: new Date('2026-03-02T16:40:00.000Z'),
    });

  it('assigns the case to the supervisor on duty and mails them the rating, reopening it if it was solved', async () => {
    // Act
    const plan = request(planRating(input(rating('not-good'))).supportCase!);

    // Assess
    expect(plan.kind).toBe('escalate');
    if (plan.kind !== 'escalate') return;
    expect(plan.supportCase).toMatchObject({
      assignee: 'S-001',
      status: 'open',
      supervisorRequestedAt: '2026-03-02T16:40:00.000Z',
    });
    expect(plan.contactBy).toEqual(new Date('2026-03-03T09:30:00.000Z'));
    const mail = await renderer.render(plan.drafts.supervisor!.template, plan.drafts.supervisor!.data);
    expect(plan.drafts.supervisor?.to).toEqual([{ address: 'sam@staff.test', name: 'Sam Okafor' }]);
    expect(mail.subject).toBe('[Case #1001] The customer asks for a supervisor: My order never arrived');
    expect(mail.text).toContain('Nobody listens');
    expect(request(solved)).toMatchObject({ kind: 'escalate', supportCase: { status: 'open', assignee: 'S-001' } });
  });

  it('changes nothing when asked again while the supervisor has the case', () => {
    // Prepare
    const first = request(solved);
    if (first.kind !== 'escalate') throw new Error('expected an escalation');

    // Act, Assess
    expect(request(first.supportCase)).toMatchObject({ kind: 'already-requested', supervisor: { agentId: 'S-001' } });
  });
});
