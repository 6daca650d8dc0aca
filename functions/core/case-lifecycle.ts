import type { SurveyAnswer } from './survey-token.ts';

/** What happens around closing a case: how long a reply reopens it, survey links, pending follow-ups. */
export interface LifecyclePolicy {
  /** Days after solving in which a customer's reply reopens the case; a later reply opens a new, linked case. */
  readonly reopenWithinDays: number;
  /** Days a survey link works; within them the customer may change their rating. */
  readonly surveyLinkDays: number;
  /** Business days a pending case waits for the customer before a friendly nudge; 0: no nudge. */
  readonly nudgeAfterBusinessDays: number;
  /** Business days after the nudge (or after going pending, without nudges) until the case is solved for the customer; 0: never. */
  readonly autoSolveAfterBusinessDays: number;
  /**
   * How long one of those business days lasts, in business minutes, when set; unset (as deployed),
   * a business day is a calendar day with opening hours. `npm start -- --demo` sets it to a few
   * minutes, so a nudge and an auto-solve happen while someone watches.
   */
  readonly businessDayMinutes?: number;
  /** Days a solved case is kept before DynamoDB TTL removes it (and its messages and lookups); unset: kept for ever. */
  readonly solvedCaseRetentionDays?: number;
  /** Survey answers that reopen a solved case for a follow-up (never "great"). Default DEFAULT_RECOVERY_POLICY's. */
  readonly followUpOn?: Array<Exclude<SurveyAnswer, 'great'>>;
  /** Business hours from such a rating to a person's answer. Default DEFAULT_FOLLOW_UP_RESPONSE_HOURS. */
  readonly followUpResponseHours?: number;
  /** Whether a "Great" with a comment is mailed to the agent it was for. Default true. */
  readonly thankAgentOnGreat?: boolean;
}

/**
 * A week to come back with "one more thing" on the same case; four weeks to answer the survey (a
 * monthly report still sees it); a nudge after three quiet business days and the case closed four
 * business days later, so nothing waits on the customer for more than about a fortnight.
 */
export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  reopenWithinDays: 7,
  surveyLinkDays: 28,
  nudgeAfterBusinessDays: 3,
  autoSolveAfterBusinessDays: 4,
};
