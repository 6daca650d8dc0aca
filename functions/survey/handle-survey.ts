import type { CaseStore } from '../adapters/case-store.ts';
import type { RatingEvent } from '../core/ratings.ts';
import { formatDeadline, recoveryPolicy } from '../core/rating-recovery.ts';
import { createFormNonce } from '../core/survey-form-nonce.ts';
import { isSurveyAnswer } from '../core/survey-token.ts';
import {
  decideSupervisorRequest,
  decideVisit,
  decideVote,
  isLinkProblem,
  type SurveyProblem,
  type SurveySecrets,
  type VoteForm,
} from '../core/survey-vote.ts';
import { serveFileDownload, type DownloadOutcome, type FileDownloadDependencies } from './file-download.ts';
import { recordVote, requestSupervisor, type SurveyMailDependencies } from './survey-mail.ts';
import { pageResponse, type FollowUpModel, type PageResponse } from './survey-page.ts';
import { pageReader, type PageReader, type SurveyPagesIn } from './survey-page-book.ts';
import { queueIdOf, settingsForQueue } from '../core/queue-selection.ts';
import type { SurveyRequest } from './survey-request.ts';

export interface SurveyDependencies extends SurveyMailDependencies {
  readonly cases: Pick<CaseStore, 'getCases'>;
  /** The survey's pages in a language (the case's, when the request names a case we found). */
  readonly pages: SurveyPagesIn;
  readonly settings: { readonly replyTokenSecret: string; readonly surveyLinkDays: number };
  readonly now: () => Date;
  readonly newId: () => string;
  /** Where download links' files are read from; without it (no bucket configured) every link is refused. */
  readonly files?: FileDownloadDependencies['files'];
}

/** What became of a request, for the log and the metrics, with the page to answer it. */
export type SurveyResult =
  | { readonly outcome: 'shown'; readonly caseNumber: number; readonly response: PageResponse }
  | { readonly outcome: 'recorded'; readonly rating: RatingEvent; readonly response: PageResponse }
  | { readonly outcome: 'refused'; readonly problem: SurveyProblem; readonly response: PageResponse }
  | { readonly outcome: 'supervisor-requested'; readonly caseNumber: number; readonly response: PageResponse }
  | { readonly outcome: 'no-page'; readonly response: PageResponse }
  | { readonly outcome: 'file'; readonly download: DownloadOutcome; readonly response: PageResponse };

/**
 * Opening a link shows the question with its answer chosen and records nothing (link scanners open
 * every link in a mail); only the confirmed form, with a nonce minted for that link, records a vote.
 */
export async function handleSurveyRequest(request: SurveyRequest, deps: SurveyDependencies): Promise<SurveyResult> {
  const secrets: SurveySecrets = {
    secret: deps.settings.replyTokenSecret,
    linkDays: deps.settings.surveyLinkDays,
    now: deps.now(),
  };
  const refuse = (problem: SurveyProblem, again?: string) => refusal(deps, problem, again);
  switch (request.kind) {
    case 'no-page':
      return { outcome: 'no-page', response: pageResponse(404, '') };
    case 'refuse':
      return refuse(request.problem);
    case 'file':
      return downloadFile(request, secrets, deps);
    case 'view': {
      const visit = decideVisit(request.query, secrets);
      if (visit.kind === 'refuse') return refuse(visit.problem);
      const { caseNumber } = visit.claims;
      const [cases, previous] = await Promise.all([
        deps.cases.getCases([caseNumber]),
        deps.ratings.current(caseNumber),
      ]);
      const supportCase = cases.get(caseNumber);
      if (supportCase === undefined) return refuse('unknown-case');
      // A later round asks afresh: an earlier round's answer is not this survey's to change.
      const sameRound = previous !== undefined && (previous.round ?? 1) === (visit.claims.round ?? 1);
      const nonce = createFormNonce(secrets.secret, visit.token, secrets.now);
      const form = {
        caseNumber,
        subject: supportCase.subject,
        token: visit.token,
        nonce,
        action: request.path,
        expiresAt: visit.expiresAt,
      };
      return {
        outcome: 'shown',
        caseNumber,
        response: deps
          .pages(pageReader(supportCase, settingsForQueue(deps.mail.settings, queueIdOf(supportCase))))
          .form({
            ...form,
            ...(visit.suggested ? { suggested: visit.suggested } : {}),
            ...(previous && sameRound ? { previous } : {}),
          }),
      };
    }
    case 'vote': {
      const vote = decideVote(request.form, { ...secrets, eventId: deps.newId() });
      const again = surveyAgain(request.path, request.form);
      if (vote.kind === 'refuse') return refuse(vote.problem, isLinkProblem(vote.problem) ? undefined : again);
      const recorded = await recordVote(vote, deps);
      // The case was read: a form sent twice, or overtaken, is explained in its customer's language.
      if (recorded.outcome === 'replayed') return refusal(deps, 'replayed-form', again, recorded.reader);
      if (recorded.outcome === 'superseded') return refusal(deps, 'superseded', again, recorded.reader);
      return {
        outcome: 'recorded',
        rating: vote.event,
        response: deps
          .pages(recorded.reader)
          .thanks(
            vote.event,
            vote.linkExpiresAt,
            again,
            followUpModel(vote.event, request, deps, recorded.plan?.followUpBy, recorded.reader),
          ),
      };
    }
    case 'supervisor':
      return askForSupervisor(request, secrets, deps);
  }
}

/** A signed download link opened: the file, or a plain page saying why not. */
async function downloadFile(
  request: Extract<SurveyRequest, { kind: 'file' }>,
  secrets: SurveySecrets,
  deps: SurveyDependencies,
): Promise<SurveyResult> {
  if (deps.files === undefined) return { outcome: 'no-page', response: pageResponse(404, '') };
  const { outcome, response } = await serveFileDownload(
    request.query,
    { files: deps.files, secret: secrets.secret, now: deps.now },
    request.head,
  );
  return { outcome: 'file', download: outcome, response };
}

/** "I'd like a supervisor to contact me", confirmed: the case goes to the supervisor on duty, and the page says who. */
async function askForSupervisor(
  request: Extract<SurveyRequest, { kind: 'supervisor' }>,
  secrets: SurveySecrets,
  deps: SurveyDependencies,
): Promise<SurveyResult> {
  const decision = decideSupervisorRequest(request.form, secrets);
  if (decision.kind === 'refuse') return refusal(deps, decision.problem);
  const requested = await requestSupervisor(decision, deps);
  if (requested.outcome === 'unknown-case') return refusal(deps, 'unknown-case');
  if (requested.outcome === 'replayed') return refusal(deps, 'replayed-form');
  const { caseNumber } = decision.claims;
  return {
    outcome: 'supervisor-requested',
    caseNumber,
    response: deps.pages(requested.reader).supervisorRequested(caseNumber, requested.supervisorName, requested.by),
  };
}

/** A problem page: in English unless the case was read, since a broken link names no case we can trust. */
function refusal(
  deps: Pick<SurveyDependencies, 'pages'>,
  problem: SurveyProblem,
  again?: string,
  reader?: PageReader,
): SurveyResult {
  return { outcome: 'refused', problem, response: deps.pages(reader).problem(problem, again) };
}

/**
 * The thank-you page's promise after a vote the team follows up: when a person answers (the case's
 * follow-up target), and a form, with a nonce of its own, to ask for a supervisor instead.
 */
function followUpModel(
  rating: RatingEvent,
  request: Extract<SurveyRequest, { kind: 'vote' }>,
  deps: SurveyDependencies,
  by: Date | undefined,
  reader: PageReader | undefined,
): FollowUpModel | undefined {
  const { settings } = deps.mail;
  if (!recoveryPolicy(settings.lifecycle).followUpOn.includes(rating.answer)) return undefined;
  const token = request.form.t ?? '';
  const nonce = createFormNonce(settings.replyTokenSecret, token, deps.now());
  return {
    // On the case's queue's clock, where the follow-up target was set (the deployment's without a case).
    ...(by === undefined
      ? {}
      : { by: formatDeadline(by, reader?.timeZone ?? settings.businessHours.timeZone, reader?.language) }),
    request: { token, nonce, action: request.path },
  };
}

/** The survey link again (relative to the page), with the answer the person chose, if any. */
function surveyAgain(path: string, form: VoteForm): string {
  const query = new URLSearchParams({ t: form.t ?? '', ...(isSurveyAnswer(form.a) ? { a: form.a } : {}) });
  return `${path}?${query.toString()}`;
}
