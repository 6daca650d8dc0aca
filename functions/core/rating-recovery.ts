/**
 * What a recorded survey rating sets off: an unhappy one reopens the solved case for a follow-up and
 * tells the agent who solved it and the supervisor on duty at once; a "Great" with a comment thanks
 * the agent in the customer's words; a later round rated better than the one a follow-up set out to
 * mend is a recovery. Pure: the survey function persists and sends what this decides.
 */
import { FALLBACK_LANGUAGE, type LanguageCode } from './queues.ts';
import { agentNotice } from './agent-notification.ts';
import { findAgent, supervisorOnDuty, type Agent, type Team } from './agents.ts';
import type { BusinessHours } from './business-hours.ts';
import type { LifecyclePolicy } from './case-lifecycle.ts';
import { withStatus } from './case-status.ts';
import { TEAM_SPEAKER_ID } from './customer-message.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { RatingEvent } from './ratings.ts';
import type { ReplyAddresses } from './reply-token.ts';
import { DEFAULT_FOLLOW_UP_RESPONSE_HOURS } from './follow-up-target.ts';
import { targetDeadline, type SlaPolicy } from './sla-clock.ts';
import type { SupportCase } from './support-case.ts';
import { dateFormat } from './date-formats.ts';
import { timeWordsFor } from './time-words.ts';
import type { SurveyAnswer } from './survey-token.ts';

/** The recovery settings of `closing`, with their defaults filled in. */
export interface RecoveryPolicy {
  readonly followUpOn: readonly SurveyAnswer[];
  readonly followUpResponseHours: number;
  readonly thankAgentOnGreat: boolean;
}

/**
 * "Not good" always deserves a person's answer; "Okay" is often simply okay, so a team opts in to
 * following it up (`closing.followUpOn`). A warm word for good work costs nothing: on by default.
 */
export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = {
  followUpOn: ['not-good'],
  followUpResponseHours: DEFAULT_FOLLOW_UP_RESPONSE_HOURS,
  thankAgentOnGreat: true,
};

/** The recovery settings of a lifecycle policy, defaults where it sets none. */
export function recoveryPolicy(lifecycle: LifecyclePolicy): RecoveryPolicy {
  return {
    followUpOn: lifecycle.followUpOn ?? DEFAULT_RECOVERY_POLICY.followUpOn,
    followUpResponseHours: lifecycle.followUpResponseHours ?? DEFAULT_RECOVERY_POLICY.followUpResponseHours,
    thankAgentOnGreat: lifecycle.thankAgentOnGreat ?? DEFAULT_RECOVERY_POLICY.thankAgentOnGreat,
  };
}

const ANSWER_RANK: Readonly<Record<SurveyAnswer, number>> = { 'not-good': 0, okay: 1, great: 2 };
const ANSWER_WORDS: Readonly<Record<SurveyAnswer, string>> = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' };

export interface RatingInput {
  readonly rating: RatingEvent;
  /** The case as it is before the rating. */
  readonly supportCase: SupportCase;
  readonly team: Team;
  readonly lifecycle: LifecyclePolicy;
  readonly slaPolicy: SlaPolicy;
  readonly businessHours: BusinessHours;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
}

export interface RatingPlan {
  /** The case as the rating leaves it, when it changes it. */
  readonly supportCase?: SupportCase;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
  /** When a person will answer the rating, when it opened (or found open) a follow-up. */
  readonly followUpBy?: Date;
}

/** What a rating just recorded does to its case and who hears of it. */
export function planRating(input: RatingInput): RatingPlan {
  const { rating, team } = input;
  const policy = recoveryPolicy(input.lifecycle);
  const agent = rating.agentId === TEAM_SPEAKER_ID ? undefined : findAgent(team, rating.agentId);
  let next: SupportCase = input.supportCase;
  if (isRecovery(next, rating)) next = { ...next, recoveredAt: rating.ratedAt };
  const drafts: Record<string, OutboundDraft> = {};
  if (policy.followUpOn.includes(rating.answer)) {
    next = reopenForFollowUp(next, rating, agent);
    const supervisor = supervisorOnDuty(team, new Date(rating.ratedAt));
    const deadline = targetDeadline(next, 'follow-up', input.slaPolicy, input.businessHours);
    const data = {
      ...ratingData(rating),
      followUpBy: deadline === undefined ? 'no set time' : formatDeadline(deadline, input.businessHours.timeZone),
      agentName: agent === undefined ? input.supportName : `${agent.name} (${agent.agentId})`,
      supervisorName: supervisor.name,
    };
    const notify = (to: Agent) =>
      agentNotice(next, input, 'rating-follow-up', { address: to.email, name: to.name }, data);
    if (agent !== undefined) drafts.agent = notify(agent);
    else drafts.team = agentNotice(next, input, 'rating-follow-up', { address: team.teamAddress }, data);
    if (supervisor.email.toLowerCase() !== agent?.email.toLowerCase()) drafts.supervisor = notify(supervisor);
    next = withRatingNote(next, rating);
    return { supportCase: bumped(next, input.supportCase, rating.ratedAt), drafts, ...when(deadline) };
  }
  if (rating.answer === 'great' && rating.comment !== undefined && policy.thankAgentOnGreat && agent !== undefined)
    drafts.thanks = agentNotice(
      next,
      input,
      'rating-thanks',
      { address: agent.email, name: agent.name },
      { ...ratingData(rating), agentName: agent.name },
    );
  return next === input.supportCase
    ? { drafts }
    : { supportCase: bumped(withRatingNote(next, rating), input.supportCase, rating.ratedAt), drafts };
}

/** A rating better than the one a follow-up set out to mend, in the round that follow-up asked. */
export function isRecovery(supportCase: SupportCase, rating: RatingEvent): boolean {
  const { followUp } = supportCase;
  return (
    followUp !== undefined &&
    supportCase.recoveredAt === undefined &&
    (rating.round ?? 1) >= followUp.round &&
    ANSWER_RANK[rating.answer] > ANSWER_RANK[followUp.answer]
  );
}

/**
 * A solved case back open for a person to answer the rating: held by the agent it was for, with
 * the rating awaiting an answer (the follow-up target's clock). A case already open stays as it is.
 */
function reopenForFollowUp(supportCase: SupportCase, rating: RatingEvent, agent: Agent | undefined): SupportCase {
  if (supportCase.status !== 'solved') return supportCase;
  const at = rating.ratedAt;
  const round = Math.max(rating.round ?? 1, supportCase.followUp?.round ?? 1) + 1;
  return {
    ...withStatus(supportCase, 'open', at),
    followUp: { openedAt: at, round, answer: rating.answer, agentId: rating.agentId },
    awaitingAnswerSince: at,
    ...(agent === undefined ? {} : { assignee: agent.agentId }),
  };
}

function withRatingNote(supportCase: SupportCase, rating: RatingEvent): SupportCase {
  const words = `Rated “${ANSWER_WORDS[rating.answer]}”${rating.comment === undefined ? '' : `: ${rating.comment}`}`;
  return {
    ...supportCase,
    recent: withHistory(supportCase.recent, historyEntry(rating.ratedAt, 'note', 'Survey', words)),
  };
}

function bumped(next: SupportCase, before: SupportCase, at: string): SupportCase | undefined {
  return next === before ? undefined : { ...next, version: nextVersion(before), updatedAt: at };
}

function when(deadline: Date | undefined): { followUpBy?: Date } {
  return deadline === undefined ? {} : { followUpBy: deadline };
}

/** The rating as the agent mails show it. */
export function ratingData(rating: RatingEvent): Record<string, string | number> {
  return {
    answer: ANSWER_WORDS[rating.answer],
    comment: rating.comment ?? '',
    round: rating.round ?? 1,
  };
}

/**
 * "Tuesday 8 December at 10:00 CET": a deadline a customer and an agent read without working out a
 * time zone, in `language` where we write in it (else English, as the templates around it are).
 */
export function formatDeadline(at: Date, timeZone: string, language: LanguageCode = FALLBACK_LANGUAGE): string {
  // The locale times are told in: "Dienstag, 8. Dezember um 10:00 MEZ" in German.
  return dateFormat(timeWordsFor(language).locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}
