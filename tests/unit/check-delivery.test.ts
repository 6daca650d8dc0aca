import { describe, expect, it } from 'vitest';
import {
  atExpression,
  casePrefix,
  planCheckDelivery,
  scheduleName,
  staleSchedules,
} from '../../functions/core/check-delivery.ts';
import type { FollowUpCheck } from '../../functions/core/follow-up.ts';
import type { SlaCheck } from '../../functions/core/sla-clock.ts';

const now = new Date('2026-03-02T10:00:00.000Z');
const minutesLater = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
const check = (dueAt: string, changes: Partial<SlaCheck> = {}): SlaCheck => ({
  caseNumber: 1001,
  target: 'first-response',
  stage: 'breach',
  dueAt,
  clockStart: now.toISOString(),
  ...changes,
});

describe('how each check reaches the consumer', () => {
  it('a check due within 15 minutes waits on the queue itself, for exactly as long as it has to', () => {
    // Prepare
    const soon = check(minutesLater(14.5));
    const atTheLimit = check(minutesLater(15), { stage: 'warning' });
    const overdue = check(minutesLater(-3), { stage: 're-escalation' });

    // Act
    const { queued, scheduled } = planCheckDelivery([soon, atTheLimit, overdue], now);

    // Assess
    expect(queued).toEqual([
      { check: soon, delaySeconds: 870 },
      { check: atTheLimit, delaySeconds: 900 },
      { check: overdue, delaySeconds: 0 },
    ]);
    expect(scheduled).toEqual([]);
  });

  it('a check due later is scheduled once, for the first whole minute at or after it is due', () => {
    // Prepare
    const inAWeek = check('2026-03-09T13:45:30.250Z', { target: 'resolution' });
    const justOver = check(minutesLater(15).replace('00.000Z', '01.000Z'));

    // Act
    const { queued, scheduled } = planCheckDelivery([inAWeek, justOver], now);

    // Assess
    expect(queued).toEqual([]);
    expect(scheduled).toEqual([
      { check: inAWeek, name: 'case-1001-resolution-breach-1773063930', expression: 'at(2026-03-09T13:46:00)' },
      { check: justOver, name: 'case-1001-first-response-breach-1772446501', expression: 'at(2026-03-02T10:16:00)' },
    ]);
  });

  it('a check due on a whole minute is scheduled for that minute, not the next', () => {
    expect(atExpression(new Date('2026-03-09T13:46:00.000Z'))).toBe('at(2026-03-09T13:46:00)');
  });

  it('names tell checks apart by case, target, stage and due time, and fit Scheduler (64 of [0-9a-zA-Z-_.])', () => {
    // Prepare
    const longest: FollowUpCheck = {
      caseNumber: 9_999_999_999,
      target: 'pending-follow-up',
      stage: 'auto-solve',
      dueAt: '2286-11-20T17:46:39.000Z',
      clockStart: now.toISOString(),
    };
    const base = check(minutesLater(60));

    // Act
    const names = [
      base,
      { ...base, stage: 'warning' as const },
      { ...base, target: 'resolution' as const },
      { ...base, dueAt: minutesLater(61) },
      { ...base, caseNumber: 10010 },
      longest,
    ].map(scheduleName);

    // Assess
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
    expect(names.filter((n) => n.startsWith(casePrefix(1001)))).toHaveLength(4);
  });

  it('a schedule the case no longer calls for is stale, unless a later change of the case made it', () => {
    // Prepare
    const changedAt = new Date(minutesLater(0));
    const kept = planCheckDelivery([check(minutesLater(600), { target: 'resolution' })], now).scheduled;
    const found = [
      { name: kept[0]!.name, createdAt: new Date(minutesLater(-60)) },
      { name: 'case-1001-first-response-breach-1772460000', createdAt: new Date(minutesLater(-60)) },
      { name: 'case-1001-next-response-breach-1772470000', createdAt: new Date(minutesLater(1)) },
    ];

    // Act
    const stale = staleSchedules(found, kept, changedAt);

    // Assess
    expect(stale).toEqual(['case-1001-first-response-breach-1772460000']);
  });
});
