import type { RatingEvent } from './ratings.ts';
import { verifyFormNonce } from './survey-form-nonce.ts';
import {
  isSurveyAnswer,
  verifySurveyToken,
  type SurveyAnswer,
  type SurveyClaims,
  type SurveyTokenCheck,
} from './survey-token.ts';

/** Everything that can stop a survey request, each with its own page (functions/survey/survey-problems.ts). */
export type SurveyProblem =
  | 'malformed-link'
  | 'forged-link'
  | 'expired-link'
  | 'unknown-case'
  | 'forged-form'
  | 'expired-form'
  | 'replayed-form'
  | 'superseded'
  | 'missing-answer'
  | 'comment-too-long'
  | 'not-a-form'
  | 'too-large'
  | 'wrong-method'
  | 'unexpected';

/** Long enough for a paragraph of feedback; the textarea says so, and a report stays readable. */
export const MAX_COMMENT_CHARS = 1000;

export interface SurveySecrets {
  readonly secret: string;
  /** Days a link works (LifecyclePolicy.surveyLinkDays). */
  readonly linkDays: number;
  readonly now: Date;
}

/** A link that opens the page: the case it is for, until when, and the answer it suggests. */
export type VisitDecision =
  | {
      readonly kind: 'show';
      readonly claims: SurveyClaims;
      readonly token: string;
      readonly expiresAt: Date;
      readonly suggested?: SurveyAnswer;
    }
  | { readonly kind: 'refuse'; readonly problem: SurveyProblem };

/** What a GET of `?t=<token>&a=<answer>` shows. An unknown answer only means nothing is pre-selected. */
export function decideVisit(
  query: { readonly t?: string; readonly a?: string },
  { secret, linkDays, now }: SurveySecrets,
): VisitDecision {
  const check = verifySurveyToken(secret, query.t ?? '', now, linkDays);
  if (!check.valid) return { kind: 'refuse', problem: linkProblem(check.reason) };
  const claims = { caseNumber: check.caseNumber, agentId: check.agentId, round: check.round ?? 1 };
  return {
    kind: 'show',
    claims,
    token: query.t ?? '',
    expiresAt: check.expiresAt,
    ...(isSurveyAnswer(query.a) ? { suggested: query.a } : {}),
  };
}

export interface VoteForm {
  readonly t?: string;
  readonly n?: string;
  readonly a?: string;
  readonly comment?: string;
}

/** A form nonce verified: the id that may act only once, and until when it works. */
export interface VerifiedNonce {
  readonly id: string;
  readonly expiresAt: Date;
}

/** A confirmed form: the event to record, and the nonce id that may record only once (until it expires). */
export type VoteDecision =
  | {
      readonly kind: 'record';
      readonly event: RatingEvent;
      readonly nonce: { readonly id: string; readonly expiresAt: Date };
      readonly linkExpiresAt: Date;
    }
  | { readonly kind: 'refuse'; readonly problem: SurveyProblem };

/** What a POSTed survey form records: the link and the form nonce must hold, and an answer be chosen. */
export function decideVote(form: VoteForm, secrets: SurveySecrets & { readonly eventId: string }): VoteDecision {
  const token = form.t ?? '';
  const check = verifySurveyToken(secrets.secret, token, secrets.now, secrets.linkDays);
  if (!check.valid) return { kind: 'refuse', problem: linkProblem(check.reason) };
  const nonce = verifyFormNonce(secrets.secret, token, form.n ?? '', secrets.now);
  if (!nonce.valid) return { kind: 'refuse', problem: nonce.reason === 'expired' ? 'expired-form' : 'forged-form' };
  if (!isSurveyAnswer(form.a)) return { kind: 'refuse', problem: 'missing-answer' };
  const comment = cleanComment(form.comment ?? '');
  if ([...comment].length > MAX_COMMENT_CHARS) return { kind: 'refuse', problem: 'comment-too-long' };
  const event: RatingEvent = {
    eventId: secrets.eventId,
    caseNumber: check.caseNumber,
    agentId: check.agentId,
    answer: form.a,
    ...(comment === '' ? {} : { comment }),
    ratedAt: secrets.now.toISOString(),
    round: check.round ?? 1,
  };
  return { kind: 'record', event, nonce: { id: nonce.id, expiresAt: nonce.expiresAt }, linkExpiresAt: check.expiresAt };
}

/** A confirmed "I'd like a supervisor to contact me": for the case of the link, once per form nonce. */
export type RequestDecision =
  | { readonly kind: 'request'; readonly claims: SurveyClaims; readonly nonce: VerifiedNonce }
  | { readonly kind: 'refuse'; readonly problem: SurveyProblem };

/** What a POSTed supervisor request may do: the link and the form nonce must hold, as for a vote. */
export function decideSupervisorRequest(form: Pick<VoteForm, 't' | 'n'>, secrets: SurveySecrets): RequestDecision {
  const token = form.t ?? '';
  const check = verifySurveyToken(secrets.secret, token, secrets.now, secrets.linkDays);
  if (!check.valid) return { kind: 'refuse', problem: linkProblem(check.reason) };
  const nonce = verifyFormNonce(secrets.secret, token, form.n ?? '', secrets.now);
  if (!nonce.valid) return { kind: 'refuse', problem: nonce.reason === 'expired' ? 'expired-form' : 'forged-form' };
  const claims = { caseNumber: check.caseNumber, agentId: check.agentId, round: check.round ?? 1 };
  return { kind: 'request', claims, nonce: { id: nonce.id, expiresAt: nonce.expiresAt } };
}

/** Problems with the link itself: the page cannot offer to open the survey again. */
export function isLinkProblem(problem: SurveyProblem): boolean {
  return (
    problem === 'malformed-link' ||
    problem === 'forged-link' ||
    problem === 'expired-link' ||
    problem === 'unknown-case'
  );
}

function linkProblem(reason: Extract<SurveyTokenCheck, { valid: false }>['reason']): SurveyProblem {
  return reason === 'expired' ? 'expired-link' : reason === 'bad-signature' ? 'forged-link' : 'malformed-link';
}

/** Browsers post CRLF line ends; control characters other than line ends and tabs have no place in a report. */
function cleanComment(comment: string): string {
  return comment
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
}
