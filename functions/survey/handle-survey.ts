import type { CaseStore } from '../adapters/case-store.ts';
import type { RatingStore } from '../adapters/rating-store.ts';
import type { RatingEvent } from '../core/ratings.ts';
import { createFormNonce } from '../core/survey-form-nonce.ts';
import { isSurveyAnswer } from '../core/survey-token.ts';
import {
  decideVisit,
  decideVote,
  isLinkProblem,
  type SurveyProblem,
  type SurveySecrets,
  type VoteForm,
} from '../core/survey-vote.ts';
import { serveFileDownload, type DownloadOutcome, type FileDownloadDependencies } from './file-download.ts';
import { pageResponse, type PageResponse, type SurveyPages } from './survey-page.ts';
import type { SurveyRequest } from './survey-request.ts';

export interface SurveyDependencies {
  readonly cases: Pick<CaseStore, 'getCases'>;
  readonly ratings: Pick<RatingStore, 'record' | 'current'>;
  readonly pages: SurveyPages;
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
  const refuse = (problem: SurveyProblem, again?: string): SurveyResult => ({
    outcome: 'refused',
    problem,
    response: deps.pages.problem(problem, again),
  });
  switch (request.kind) {
    case 'no-page':
      return { outcome: 'no-page', response: pageResponse(404, '') };
    case 'refuse':
      return refuse(request.problem);
    case 'file': {
      if (deps.files === undefined) return { outcome: 'no-page', response: pageResponse(404, '') };
      const { outcome, response } = await serveFileDownload(
        request.query,
        { files: deps.files, secret: secrets.secret, now: deps.now },
        request.head,
      );
      return { outcome: 'file', download: outcome, response };
    }
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
        response: deps.pages.form({
          ...form,
          ...(visit.suggested ? { suggested: visit.suggested } : {}),
          ...(previous ? { previous } : {}),
        }),
      };
    }
    case 'vote': {
      const vote = decideVote(request.form, { ...secrets, eventId: deps.newId() });
      const again = surveyAgain(request.path, request.form);
      if (vote.kind === 'refuse') return refuse(vote.problem, isLinkProblem(vote.problem) ? undefined : again);
      const recorded = await deps.ratings.record(vote.event, vote.nonce);
      if (recorded === 'replayed') return refuse('replayed-form', again);
      if (recorded === 'superseded') return refuse('superseded', again);
      return {
        outcome: 'recorded',
        rating: vote.event,
        response: deps.pages.thanks(vote.event, vote.linkExpiresAt, again),
      };
    }
  }
}

/** The survey link again (relative to the page), with the answer the person chose, if any. */
function surveyAgain(path: string, form: VoteForm): string {
  const query = new URLSearchParams({ t: form.t ?? '', ...(isSurveyAnswer(form.a) ? { a: form.a } : {}) });
  return `${path}?${query.toString()}`;
}
