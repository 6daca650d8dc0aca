import type { SurveyAnswer } from '../core/survey-token.ts';
import type { SurveyProblem } from '../core/survey-vote.ts';
import type { ProblemPage } from './survey-problems.ts';

/**
 * Every word of the survey pages that their code supplies rather than the template: the answers'
 * labels, the titles, headings and paragraphs of the thank-you and supervisor pages, the problem
 * pages, and how a day is written. One of these per language (English is survey-words-en.ts, with
 * survey-problems.ts; German is survey-words-de.ts), so a page's template and its words agree.
 */
export interface SurveyWords {
  /** The `lang` of the page, and the locale its days are written in. */
  readonly language: string;
  readonly answerLabels: Readonly<Record<SurveyAnswer, string>>;
  /** A day as its readers expect it ("22. Dezember 2026"); in UTC, as the survey's expiry is. */
  readonly day: Intl.DateTimeFormat;
  /** The form's page title. */
  readonly formTitle: string;
  readonly thanksTitle: string;
  readonly thanksHeading: string;
  /** Title and heading of the thank-you page after an unhappy vote. */
  readonly unhappyHeading: string;
  /** "We have recorded your answer “Great” for case #1001." */
  recorded(answerLabel: string, caseNumber: number): string;
  /** How long the answer can be changed; `until` is written with `day`. */
  change(until: string): string;
  /** The apology after an unhappy vote; `by` when a response target names the time a person answers. */
  sorry(by: string | undefined): string;
  readonly supervisorOffer: string;
  readonly changeLink: string;
  readonly supervisorHeading: string;
  supervisorRequested(supervisorName: string, caseNumber: number, by: string | undefined): string;
  readonly nothingElseNeeded: string;
  /** The link back to the survey under a problem page. */
  readonly againLink: string;
  readonly problems: Readonly<Record<SurveyProblem, ProblemPage>>;
  /** The last-resort page when the template itself cannot be rendered. */
  readonly plainErrorPage: string;
}
