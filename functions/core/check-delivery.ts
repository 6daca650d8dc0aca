/**
 * How each timed check reaches the consumer once, at its time: a check due within SQS's longest
 * delay goes straight to the queue with that delay; a later one becomes a one-time schedule that
 * puts it on the same queue when it is due. Names are made from the check itself, so creating the
 * same schedule twice is recognisably the same, and a schedule a newer state no longer calls for
 * can be found and deleted.
 */
import type { CaseCheck } from './follow-up.ts';

/**
 * SQS's longest DelaySeconds (15 minutes). A check due within it waits on the queue itself: no
 * schedule to create or delete, and Scheduler's minute precision would only make it later.
 */
export const LONGEST_QUEUE_DELAY_SECONDS = 900;

/** Scheduler invokes a target within the minute it is set for ("60 second precision"), so a schedule is set for a whole minute. */
const SCHEDULER_PRECISION_MS = 60_000;

/** Scheduler's schedule names: 1 to 64 of [0-9a-zA-Z-_.]. */
const MAX_SCHEDULE_NAME_LENGTH = 64;

/** A check put on the queue now, delivered after `delaySeconds`. */
export interface QueuedCheck {
  readonly check: CaseCheck;
  readonly delaySeconds: number;
}

/** A check handed to Scheduler: `name` in the group, `at` the whole minute (UTC) it is put on the queue. */
export interface ScheduledCheck {
  readonly check: CaseCheck;
  readonly name: string;
  /** `at(yyyy-mm-ddThh:mm:ss)`, UTC: the first whole minute at or after the check is due. */
  readonly expression: string;
}

/** Where each check goes. */
export interface CheckDelivery {
  readonly queued: readonly QueuedCheck[];
  readonly scheduled: readonly ScheduledCheck[];
}

/**
 * Splits checks into those the queue can delay until they are due (at most 15 minutes away, past
 * ones at once) and those Scheduler delivers at their time. Each check is delivered once either way.
 */
export function planCheckDelivery(checks: readonly CaseCheck[], now: Date): CheckDelivery {
  const queued: QueuedCheck[] = [];
  const scheduled: ScheduledCheck[] = [];
  for (const check of checks) {
    const seconds = Math.max(0, Math.ceil((Date.parse(check.dueAt) - now.getTime()) / 1000));
    if (seconds <= LONGEST_QUEUE_DELAY_SECONDS) queued.push({ check, delaySeconds: seconds });
    else scheduled.push({ check, name: scheduleName(check), expression: atExpression(new Date(check.dueAt)) });
  }
  return { queued, scheduled };
}

/**
 * The schedule's name: case, target, stage and due time (epoch seconds), which together identify a
 * check. `case-<n>-` is the prefix of all of one case's schedules.
 */
export function scheduleName(check: CaseCheck): string {
  const name = `${casePrefix(check.caseNumber)}${check.target}-${check.stage}-${Math.floor(Date.parse(check.dueAt) / 1000)}`;
  if (name.length > MAX_SCHEDULE_NAME_LENGTH) throw new RangeError(`Schedule name too long for Scheduler: ${name}`);
  return name;
}

/** The name prefix shared by one case's schedules and no other case's (`case-12-` is not a prefix of `case-123-`). */
export function casePrefix(caseNumber: number): string {
  return `case-${caseNumber}-`;
}

/**
 * The case's schedules that its current checks no longer call for: the name of each schedule found
 * under the case's prefix that is not among `current`, created before `since`. A schedule created
 * after `since` came from a newer change to the case than the one asking, and is left alone.
 */
export function staleSchedules(
  found: readonly { readonly name: string; readonly createdAt: Date }[],
  current: readonly ScheduledCheck[],
  since: Date,
): string[] {
  const keep = new Set(current.map((s) => s.name));
  return found.filter((s) => !keep.has(s.name) && s.createdAt < since).map((s) => s.name);
}

/** `at(...)` for the first whole minute at or after `due`, in UTC (Scheduler's default time zone). */
export function atExpression(due: Date): string {
  const minute = Math.ceil(due.getTime() / SCHEDULER_PRECISION_MS) * SCHEDULER_PRECISION_MS;
  return `at(${new Date(minute).toISOString().slice(0, 19)})`;
}
