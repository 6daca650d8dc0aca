/**
 * The response-time clock: which targets a case's current state runs, when each stage of each
 * comes due, and whether a check delivered later still applies. It reads the case and nothing
 * else, so a check computed before a change and one computed after disagree, and the older goes
 * stale on its own.
 */
import { addBusinessMinutes, businessMinutesBetween } from './business-calendar.ts';
import type { BusinessHours } from './business-hours.ts';
import { untimedReason } from './untimed-case.ts';
import { DEFAULT_FOLLOW_UP_RESPONSE_HOURS, followUpClock } from './follow-up-target.ts';
import type { CasePriority, PendingSpan, SlaTarget, SupportCase } from './support-case.ts';

/** Targets in business hours. */
export interface TargetHours {
  /** From the case's creation to the first agent answer. */
  readonly firstResponse: number;
  /** From a customer message that awaits an answer (after the first answer) to the next answer. */
  readonly nextResponse: number;
  /** From the case's creation to solved. */
  readonly resolution: number;
}

/** Response-time promises. */
export interface SlaPolicy {
  readonly byPriority: Readonly<Record<CasePriority, TargetHours>>;
  /** Share of a target at which whoever holds the case is warned, e.g. 0.75. */
  readonly warnAt: number;
  /** Multiple of a target at which a breach left standing goes to the supervisor again, e.g. 2. */
  readonly reEscalateAt: number;
  /**
   * Business hours from an unhappy rating that reopened a case to a person's answer, whatever the
   * priority (`closing.followUpResponseHours`). Default DEFAULT_FOLLOW_UP_RESPONSE_HOURS.
   */
  readonly followUpResponse?: number;
}

/**
 * What a small team can keep: a normal case gets its first answer within half a business day
 * (4 h), every later answer within a business day (8 h) and is solved within a business week
 * (40 h); each priority step halves or doubles that. Warn at three quarters, so there is time to
 * act; go up again when a breach has stood as long again as the target.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  byPriority: {
    urgent: { firstResponse: 1, nextResponse: 2, resolution: 8 },
    high: { firstResponse: 2, nextResponse: 4, resolution: 16 },
    normal: { firstResponse: 4, nextResponse: 8, resolution: 40 },
    low: { firstResponse: 8, nextResponse: 16, resolution: 80 },
  },
  warnAt: 0.75,
  reEscalateAt: 2,
};

export type SlaStage = 'warning' | 'breach' | 're-escalation';

/** What an SQS check message carries: enough to recognise it as stale. */
export interface SlaCheck {
  readonly caseNumber: number;
  readonly target: SlaTarget;
  readonly stage: SlaStage;
  /** The instant the stage is due (ISO). */
  readonly dueAt: string;
  /** The instant the clock for this target started (ISO): a restarted clock makes older checks stale. */
  readonly clockStart: string;
}

export type CheckVerdict =
  | { readonly action: 'wait'; readonly until: Date }
  | { readonly action: 'stale'; readonly reason: string }
  | { readonly action: 'fire' };

const TARGETS: readonly SlaTarget[] = ['first-response', 'next-response', 'resolution', 'follow-up'];
const STAGES: readonly SlaStage[] = ['warning', 'breach', 're-escalation'];
const TARGET_HOURS = {
  'first-response': 'firstResponse',
  'next-response': 'nextResponse',
  resolution: 'resolution',
} as const;
const MINUTES_PER_HOUR = 60;

/**
 * Every check the case's current state calls for: each stage of each running target, sorted by
 * due time. Past stages are included (the consumer dedupes by case, target, stage and due time);
 * a clock paused while the case waits on the customer has none until the case leaves pending.
 */
export function scheduleChecks(supportCase: SupportCase, policy: SlaPolicy, hours: BusinessHours): SlaCheck[] {
  const checks: SlaCheck[] = [];
  for (const target of TARGETS) {
    const clock = clockOf(supportCase, target);
    if (!clock.running || clock.paused) continue;
    for (const stage of STAGES) {
      const due = dueAfter(
        hours,
        clock.start,
        stageMinutes(policy, supportCase.priority, target, stage),
        supportCase.pendingSpans ?? [],
      );
      if (due !== undefined)
        checks.push({
          caseNumber: supportCase.caseNumber,
          target,
          stage,
          dueAt: due.toISOString(),
          clockStart: clock.start.toISOString(),
        });
    }
  }
  return checks.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/**
 * Whether a delivered check still applies to the case as it is now: stale when its target no
 * longer runs, its clock restarted or paused, or its stage is now due at another time (priority
 * changed, a pending span added); wait when it came early; fire otherwise. Deterministic: the same
 * check, case and instant always give the same verdict.
 */
export function evaluateCheck(
  check: SlaCheck,
  supportCase: SupportCase,
  policy: SlaPolicy,
  hours: BusinessHours,
  now: Date,
): CheckVerdict {
  if (check.caseNumber !== supportCase.caseNumber)
    return stale(`the check is for case #${check.caseNumber}, not #${supportCase.caseNumber}`);
  const clock = clockOf(supportCase, check.target);
  if (!clock.running) return stale(clock.reason);
  if (Date.parse(check.clockStart) !== clock.start.getTime())
    return stale(`the ${check.target} clock restarted at ${clock.start.toISOString()}`);
  if (clock.paused) return stale(`the case is waiting on the customer; their reply schedules new checks`);
  const due = dueAfter(
    hours,
    clock.start,
    stageMinutes(policy, supportCase.priority, check.target, check.stage),
    supportCase.pendingSpans ?? [],
  );
  if (due === undefined || Date.parse(check.dueAt) !== due.getTime()) {
    return stale(
      `the ${check.target} ${check.stage} is now due at ${due?.toISOString() ?? 'no known time'} (re-timed by a priority change or time spent pending)`,
    );
  }
  return now < due ? { action: 'wait', until: due } : { action: 'fire' };
}

/**
 * When a stage of a target comes due under the case's current state (by default the breach, i.e.
 * the target's deadline), or undefined when the target does not run or its clock is paused.
 */
export function targetDeadline(
  supportCase: SupportCase,
  target: SlaTarget,
  policy: SlaPolicy,
  hours: BusinessHours,
  stage: SlaStage = 'breach',
): Date | undefined {
  const clock = clockOf(supportCase, target);
  if (!clock.running || clock.paused) return undefined;
  return dueAfter(
    hours,
    clock.start,
    stageMinutes(policy, supportCase.priority, target, stage),
    supportCase.pendingSpans ?? [],
  );
}

type Clock =
  | { readonly running: false; readonly reason: string }
  | { readonly running: true; readonly start: Date; readonly paused: boolean };

function clockOf(supportCase: SupportCase, target: SlaTarget): Clock {
  const { status, firstResponseAt, awaitingAnswerSince, createdAt } = supportCase;
  if (status === 'solved') return { running: false, reason: `case #${supportCase.caseNumber} is solved` };
  const untimed = untimedReason(supportCase);
  if (untimed !== undefined) return { running: false, reason: untimed };
  const recovery = followUpClock(supportCase, target);
  if (recovery !== undefined) return recovery;
  let start = createdAt;
  if (target === 'first-response' && firstResponseAt !== undefined)
    return { running: false, reason: `the first response went out at ${firstResponseAt}` };
  if (target === 'next-response') {
    if (firstResponseAt === undefined)
      return { running: false, reason: 'no first response yet; the first-response clock covers the wait' };
    if (awaitingAnswerSince === undefined) return { running: false, reason: 'no customer message awaits an answer' };
    start = awaitingAnswerSince;
  }
  // Waiting on the customer stops every clock: nothing is ours to answer or solve meanwhile.
  const paused = status === 'pending' || (supportCase.pendingSpans ?? []).some((span) => span.to === undefined);
  return { running: true, start: new Date(start), paused };
}

function stageMinutes(policy: SlaPolicy, priority: CasePriority, target: SlaTarget, stage: SlaStage): number {
  const share = stage === 'warning' ? policy.warnAt : stage === 'breach' ? 1 : policy.reEscalateAt;
  const hours =
    target === 'follow-up'
      ? (policy.followUpResponse ?? DEFAULT_FOLLOW_UP_RESPONSE_HOURS)
      : policy.byPriority[priority][TARGET_HOURS[target]];
  return hours * MINUTES_PER_HOUR * share;
}

/**
 * The instant `minutes` of running business time after `start`, not counting time spent pending.
 * A span that begins after the stage came due does not move it (an alert already sent stays
 * sent); an open span reached before it comes due leaves it unknown (undefined).
 */
function dueAfter(hours: BusinessHours, start: Date, minutes: number, spans: readonly PendingSpan[]): Date | undefined {
  let cursor = start.getTime();
  let remaining = Math.round(minutes * 60_000);
  const ordered = [...spans].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  for (const span of ordered) {
    const to = span.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(span.to);
    if (to <= cursor) continue;
    const from = Math.max(Date.parse(span.from), cursor);
    const running = Math.round(businessMinutesBetween(hours, new Date(cursor), new Date(from)) * 60_000);
    if (running >= remaining) break;
    remaining -= running;
    if (to === Number.POSITIVE_INFINITY) return undefined;
    cursor = to;
  }
  return addBusinessMinutes(hours, new Date(cursor), remaining / 60_000);
}

function stale(reason: string): CheckVerdict {
  return { action: 'stale', reason };
}
