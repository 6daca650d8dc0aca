import { describe, expect, it } from 'vitest';
import { businessMinutesBetween } from '../../functions/core/business-calendar.ts';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import {
  DEFAULT_SLA_POLICY,
  evaluateCheck,
  scheduleChecks,
  type SlaCheck,
  targetDeadline,
} from '../../functions/core/sla-clock.ts';
import type { SlaTarget, SupportCase } from '../../functions/core/support-case.ts';

const policy = DEFAULT_SLA_POLICY;
const hours = DEFAULT_BUSINESS_HOURS; // Monday to Friday 09:00-17:00 UTC
const at = (iso: string) => new Date(iso);

/** A normal case that came in on Monday 2026-03-02 at 10:00 UTC and nobody has answered yet. */
function newCase(changes: Partial<SupportCase> = {}): SupportCase {
  return {
    caseId: 'case-1001',
    caseNumber: 1001,
    version: 1,
    subject: 'My order never arrived',
    requester: { address: 'ana@customer.test' },
    participants: ['ana@customer.test'],
    status: 'new',
    priority: 'normal',
    flags: [],
    createdAt: '2026-03-02T10:00:00.000Z',
    updatedAt: '2026-03-02T10:00:00.000Z',
    threadReferences: [],
    recent: [],
    ...changes,
  };
}

/** An agent answered at 11:00 and nobody has written since. */
const answered = (changes: Partial<SupportCase> = {}) =>
  newCase({ status: 'open', firstResponseAt: '2026-03-02T11:00:00.000Z', ...changes });

function checkFor(supportCase: SupportCase, target: SlaTarget, stage: SlaCheck['stage']): SlaCheck {
  const check = scheduleChecks(supportCase, policy, hours).find((c) => c.target === target && c.stage === stage);
  if (check === undefined) throw new Error(`no ${target} ${stage} check scheduled`);
  return check;
}

const summary = (checks: SlaCheck[]) => checks.map((c) => `${c.target} ${c.stage} ${c.dueAt}`);

describe('scheduling checks', () => {
  it('schedules a new normal case: warning at 3 business hours, breach at 4, re-escalation at 8, and its resolution', () => {
    // Act
    const checks = scheduleChecks(newCase(), policy, hours);

    // Assess
    expect(summary(checks)).toEqual([
      'first-response warning 2026-03-02T13:00:00.000Z',
      'first-response breach 2026-03-02T14:00:00.000Z',
      'first-response re-escalation 2026-03-03T10:00:00.000Z', // 7 hours on Monday, 1 on Tuesday
      'resolution warning 2026-03-05T16:00:00.000Z', // 30 business hours
      'resolution breach 2026-03-09T10:00:00.000Z', // 40
      'resolution re-escalation 2026-03-16T10:00:00.000Z', // 80
    ]);
    expect(checks.every((c) => c.caseNumber === 1001 && c.clockStart === '2026-03-02T10:00:00.000Z')).toBe(true);
  });

  it('times the next response from the customer message that awaits an answer', () => {
    // Prepare: answered on Monday, the customer wrote back on Tuesday at 15:00
    const supportCase = answered({ awaitingAnswerSince: '2026-03-03T15:00:00.000Z' });

    // Act
    const checks = scheduleChecks(supportCase, policy, hours).filter((c) => c.target === 'next-response');

    // Assess
    expect(summary(checks)).toEqual([
      'next-response warning 2026-03-04T13:00:00.000Z',
      'next-response breach 2026-03-04T15:00:00.000Z',
      'next-response re-escalation 2026-03-05T15:00:00.000Z',
    ]);
    expect(checks[0]?.clockStart).toBe('2026-03-03T15:00:00.000Z');
  });

  it('names the breach instant of a running target and none for a target that does not run', () => {
    expect(targetDeadline(newCase(), 'first-response', policy, hours)?.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(targetDeadline(answered(), 'first-response', policy, hours)).toBeUndefined();
  });
});

describe('evaluating a delivered check', () => {
  it('makes first-response checks stale once the first response went out', () => {
    // Prepare
    const check = checkFor(newCase(), 'first-response', 'breach');

    // Act
    const verdict = evaluateCheck(check, answered(), policy, hours, at('2026-03-02T14:00:00Z'));

    // Assess
    expect(verdict).toEqual({ action: 'stale', reason: 'the first response went out at 2026-03-02T11:00:00.000Z' });
  });

  it('makes an earlier next-response check stale when the customer writes again after an answer', () => {
    // Prepare: a check from Monday's wait; the agent answered, then the customer wrote on Tuesday
    const earlier = checkFor(
      answered({ awaitingAnswerSince: '2026-03-02T12:00:00.000Z', firstResponseAt: '2026-03-02T10:30:00.000Z' }),
      'next-response',
      'breach',
    );
    const now = answered({ awaitingAnswerSince: '2026-03-03T15:00:00.000Z' });

    // Act
    const verdict = evaluateCheck(earlier, now, policy, hours, at('2026-03-03T16:00:00Z'));

    // Assess
    expect(verdict).toMatchObject({
      action: 'stale',
      reason: expect.stringMatching(/next-response clock restarted at 2026-03-03T15:00/),
    });
    expect(
      evaluateCheck(checkFor(now, 'next-response', 'breach'), answered(), policy, hours, at('2026-03-04T15:00:00Z')),
    ).toEqual({ action: 'stale', reason: 'no customer message awaits an answer' });
  });

  it('waits when a check arrives before it is due, and fires from the due instant on', () => {
    // Prepare
    const supportCase = newCase();
    const check = checkFor(supportCase, 'first-response', 'breach');

    // Act
    const early = evaluateCheck(check, supportCase, policy, hours, at('2026-03-02T13:50:00Z'));
    const onTime = evaluateCheck(check, supportCase, policy, hours, at('2026-03-02T14:00:00Z'));

    // Assess
    expect(early).toEqual({ action: 'wait', until: at('2026-03-02T14:00:00Z') });
    expect(onTime).toEqual({ action: 'fire' });
  });

  it('evaluates a duplicate delivery of the same check exactly like the first', () => {
    // Prepare
    const supportCase = newCase();
    const checks = scheduleChecks(supportCase, policy, hours);
    const moments = ['2026-03-02T12:00:00Z', '2026-03-02T14:30:00Z', '2026-03-20T00:00:00Z'].map(at);

    for (const check of checks) {
      for (const now of moments) {
        // Act
        const first = evaluateCheck(check, supportCase, policy, hours, now);
        const duplicate = evaluateCheck({ ...check }, supportCase, policy, hours, now);

        // Assess
        expect(duplicate).toEqual(first);
      }
    }
  });

  it('re-times on a priority change, so the check scheduled for the old priority is stale', () => {
    // Prepare
    const normalBreach = checkFor(newCase(), 'first-response', 'breach');
    const raised = newCase({ priority: 'high' });

    // Act
    const verdict = evaluateCheck(normalBreach, raised, policy, hours, at('2026-03-02T14:00:00Z'));

    // Assess
    expect(verdict).toMatchObject({
      action: 'stale',
      reason: expect.stringMatching(/now due at 2026-03-02T12:00:00.000Z/),
    });
    expect(checkFor(raised, 'first-response', 'breach').dueAt).toBe('2026-03-02T12:00:00.000Z');
  });

  it('makes every check stale once the case is solved', () => {
    // Prepare
    const checks = scheduleChecks(answered({ awaitingAnswerSince: '2026-03-03T15:00:00.000Z' }), policy, hours);
    const solved = answered({ status: 'solved', solvedAt: '2026-03-03T16:00:00.000Z' });

    // Act
    const verdicts = checks.map((check) => evaluateCheck(check, solved, policy, hours, at('2026-03-20T00:00:00Z')));

    // Assess
    expect(verdicts).toHaveLength(6); // next response and resolution, three stages each
    expect(verdicts.every((v) => v.action === 'stale' && v.reason === 'case #1001 is solved')).toBe(true);
    expect(scheduleChecks(solved, policy, hours)).toEqual([]);
  });

  it('calls a check for another case stale', () => {
    const check = { ...checkFor(newCase(), 'resolution', 'breach'), caseNumber: 1002 };
    expect(evaluateCheck(check, newCase(), policy, hours, at('2026-03-09T10:00:00Z'))).toMatchObject({
      action: 'stale',
    });
  });
});

describe('pausing while the case waits on the customer', () => {
  const PENDING_FROM = '2026-03-02T13:00:00.000Z'; // Monday: the agent asks a question and sets pending
  const PENDING_TO = '2026-03-04T13:00:00.000Z'; // Wednesday: the customer's reply reopens the case
  const pending = answered({ status: 'pending', pendingSpans: [{ from: PENDING_FROM }] });
  const resumed = answered({ pendingSpans: [{ from: PENDING_FROM, to: PENDING_TO }], awaitingAnswerSince: PENDING_TO });

  it('schedules nothing while pending and calls earlier checks stale', () => {
    // Prepare
    const before = checkFor(answered(), 'resolution', 'breach');

    // Act
    const verdict = evaluateCheck(before, pending, policy, hours, at('2026-03-09T10:00:00Z'));

    // Assess
    expect(scheduleChecks(pending, policy, hours)).toEqual([]);
    expect(verdict).toMatchObject({ action: 'stale', reason: expect.stringMatching(/waiting on the customer/) });
    expect(targetDeadline(pending, 'resolution', policy, hours)).toBeUndefined();
  });

  it('shifts the resolution deadline by the business time spent pending once the customer replies', () => {
    // Prepare
    const before = checkFor(answered(), 'resolution', 'breach');

    // Act
    const after = checkFor(resumed, 'resolution', 'breach');

    // Assess: 16 business hours pending (Monday 13-17, Tuesday, Wednesday 9-13)
    expect(after.dueAt).toBe('2026-03-11T10:00:00.000Z');
    expect(businessMinutesBetween(hours, at(before.dueAt), at(after.dueAt))).toBe(16 * 60);
    expect(after.clockStart).toBe(before.clockStart);
  });

  it('makes checks from before the pause stale and fires the re-timed one when it comes due', () => {
    // Prepare
    const before = checkFor(answered(), 'resolution', 'breach');
    const after = checkFor(resumed, 'resolution', 'breach');

    // Act
    const old = evaluateCheck(before, resumed, policy, hours, at(before.dueAt));
    const renewed = evaluateCheck(after, resumed, policy, hours, at(after.dueAt));

    // Assess
    expect(old).toMatchObject({ action: 'stale', reason: expect.stringMatching(/re-timed/) });
    expect(renewed).toEqual({ action: 'fire' });
  });

  it('leaves a stage that came due before the pause where it was', () => {
    // Prepare: the resolution warning came due on Thursday 16:00; the case went pending on Friday
    const laterPause = answered({
      pendingSpans: [{ from: '2026-03-06T09:00:00.000Z', to: '2026-03-09T12:00:00.000Z' }],
    });

    // Act
    const warning = checkFor(laterPause, 'resolution', 'warning');
    const breach = checkFor(laterPause, 'resolution', 'breach');

    // Assess
    expect(warning.dueAt).toBe('2026-03-05T16:00:00.000Z');
    expect(breach.dueAt).toBe('2026-03-10T13:00:00.000Z'); // 8 hours on Friday + 3 on Monday shift it by 11
  });
});
