import { DEFAULT_BUSINESS_HOURS } from '../functions/core/business-hours.ts';
import { DEFAULT_LIFECYCLE_POLICY } from '../functions/core/case-lifecycle.ts';
import { LONGEST_QUEUE_DELAY_SECONDS, scheduleName } from '../functions/core/check-delivery.ts';
import { type CaseCheck, scheduleFollowUps } from '../functions/core/follow-up.ts';
import { DEFAULT_SLA_POLICY, scheduleChecks } from '../functions/core/sla-clock.ts';
import type { SupportCase } from '../functions/core/support-case.ts';

const HOP_MS = LONGEST_QUEUE_DELAY_SECONDS * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** One state of a case and when the next change ends it (undefined: it lasts to the horizon). */
export interface CaseState {
  readonly supportCase: SupportCase;
  readonly from: Date;
  readonly until: Date;
}

/** Deliveries of timed checks to the consumer over a case's life: each is an SQS send, receive and delete, a Lambda invocation and a strongly consistent read of the case. */
export interface CheckTraffic {
  /** Every check re-queued each 15 minutes until it is due or stale, as before issue 18 (each change queued its checks again). */
  readonly hopsBefore: number;
  /** One delivery per check that comes due while it still applies; a stale one is deleted, not delivered. */
  readonly deliveriesAfter: number;
  /** CreateSchedule calls: one per check a state newly calls for. */
  readonly createCalls: number;
  /** Schedules deleted early because a change made them stale. */
  readonly schedulesDeleted: number;
  /** Checks sent straight to SQS with a delay (due within 15 minutes). */
  readonly queuedDirectly: number;
}

/**
 * Counts the deliveries of every check each state of the case calls for, in both designs. Before:
 * every change queued all its checks again, each a chain of 15-minute hops that ran until the check
 * was due or a later change made it stale (then one more hop found it so). After: one schedule per
 * check, delivered once if it comes due while it applies, deleted when a change makes it stale.
 */
export function checkTraffic(states: readonly CaseState[]): CheckTraffic {
  const end = states.at(-1)?.until.getTime() ?? 0;
  const namesOf = states.map((state) => new Map(checksOf(state.supportCase).map((c) => [scheduleName(c), c])));
  /** When a check of state i stops applying: the first later state that does not call for it. */
  const staleAt = (i: number, name: string) => {
    const later = states.findIndex((_, j) => j > i && !namesOf[j]?.has(name));
    return later === -1 ? end : (states[later]?.from.getTime() ?? end);
  };
  let [hopsBefore, deliveriesAfter, createCalls, schedulesDeleted, queuedDirectly] = [0, 0, 0, 0, 0];
  const seen = new Set<string>();
  for (const [i, state] of states.entries()) {
    for (const [name, check] of namesOf[i] ?? []) {
      const due = Date.parse(check.dueAt);
      const from = state.from.getTime();
      const until = staleAt(i, name);
      hopsBefore += Math.max(1, Math.ceil((Math.min(due, until) - from) / HOP_MS));
      // A check a change left as it was keeps its schedule: the change lists the case's schedules and creates only new ones.
      if (seen.has(name)) continue;
      seen.add(name);
      if (due - from <= HOP_MS) queuedDirectly += 1;
      else createCalls += 1;
      if (due <= until) deliveriesAfter += 1;
      else if (due - from <= HOP_MS)
        deliveriesAfter += 1; // already on the queue: delivered once, found stale
      else if (until < end) schedulesDeleted += 1;
    }
  }
  return { hopsBefore, deliveriesAfter, createCalls, schedulesDeleted, queuedDirectly };
}

function checksOf(supportCase: SupportCase): CaseCheck[] {
  return [
    ...scheduleChecks(supportCase, DEFAULT_SLA_POLICY, DEFAULT_BUSINESS_HOURS),
    ...scheduleFollowUps(supportCase, DEFAULT_LIFECYCLE_POLICY, DEFAULT_BUSINESS_HOURS),
  ];
}

/** A normal-priority case opened on a Monday at 10:00 (default calendar: Monday–Friday 09:00–17:00 UTC). */
function openedCase(changes: Partial<SupportCase> = {}): SupportCase {
  return {
    caseId: 'bench',
    caseNumber: 1,
    version: 1,
    subject: 'bench',
    requester: { address: 'ana@customer.test' },
    participants: ['ana@customer.test'],
    status: 'new',
    priority: 'normal',
    flags: [],
    createdAt: OPENED.toISOString(),
    updatedAt: OPENED.toISOString(),
    threadReferences: [],
    recent: [],
    ...changes,
  };
}

const OPENED = new Date('2026-03-02T10:00:00.000Z');
const at = (hours: number) => new Date(OPENED.getTime() + hours * 3600 * 1000);

/** A case nobody touches for two weeks (the example: about 2,450 hops before). */
export const UNTOUCHED_TWO_WEEKS: readonly CaseState[] = [
  { supportCase: openedCase(), from: OPENED, until: new Date(OPENED.getTime() + 14 * DAY_MS) },
];

/**
 * The realistic case of the cost model: opened Monday 10:00, answered at 12:00, the customer writes
 * again Tuesday 10:00, answered at 11:00, writes again Wednesday 10:00, and the agent's answer at
 * 11:00 solves it (the closing mail); two weeks looked at in all.
 */
export const REALISTIC_CASE: readonly CaseState[] = [
  { supportCase: openedCase(), from: OPENED, until: at(2) },
  answered(2, 24),
  waitingForAnswer(24, 25),
  answered(25, 48),
  waitingForAnswer(48, 49),
  {
    supportCase: openedCase({ status: 'solved', firstResponseAt: at(2).toISOString() }),
    from: at(49),
    until: at(14 * 24),
  },
];

/** The case open and answered (first at hour 2) from hour `from` to `until`. */
function answered(from: number, until: number): CaseState {
  return {
    supportCase: openedCase({ status: 'open', firstResponseAt: at(2).toISOString() }),
    from: at(from),
    until: at(until),
  };
}

/** The customer wrote again at hour `from`; the answer comes at `until`. */
function waitingForAnswer(from: number, until: number): CaseState {
  const state = answered(from, until);
  return { ...state, supportCase: { ...state.supportCase, awaitingAnswerSince: at(from).toISOString() } };
}
