import type { SlaTarget, SupportCase } from './support-case.ts';

/** A target's clock as core/sla-clock.ts reads it: running or not (and why), from when, and paused. */
export type FollowUpTargetClock =
  | { readonly running: false; readonly reason: string }
  | { readonly running: true; readonly start: Date; readonly paused: boolean };

/** An unhappy customer hears from a person within a business hour: the rating is still fresh. */
export const DEFAULT_FOLLOW_UP_RESPONSE_HOURS = 1;

/**
 * The clocks of a case reopened by an unhappy rating (undefined for any other case, or target the
 * usual rules decide). The follow-up target runs until a person answers the rating; meanwhile it
 * alone runs, since the customer was promised that answer by its deadline. Resolution does not run
 * again on a case a rating reopened: it was solved once, and its old deadline would only raise alarms.
 */
export function followUpClock(supportCase: SupportCase, target: SlaTarget): FollowUpTargetClock | undefined {
  const { followUp, awaitingAnswerSince } = supportCase;
  const waiting = followUp !== undefined && awaitingAnswerSince === followUp.openedAt;
  if (target === 'follow-up') {
    if (!waiting) return { running: false, reason: 'no unhappy rating awaits an answer' };
    return { running: true, start: new Date(followUp.openedAt), paused: supportCase.status === 'pending' };
  }
  if (followUp === undefined) return undefined;
  if (target === 'resolution') return { running: false, reason: 'a follow-up is open; it has its own target' };
  if (target === 'next-response' && waiting)
    return { running: false, reason: 'the follow-up target covers the answer to the rating' };
  return undefined;
}
