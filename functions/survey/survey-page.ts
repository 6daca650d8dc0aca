import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import Handlebars from 'handlebars/runtime';
import type { RatingEvent } from '../core/ratings.ts';
import { SURVEY_ANSWERS, type SurveyAnswer } from '../core/survey-token.ts';
import { MAX_COMMENT_CHARS, type SurveyProblem } from '../core/survey-vote.ts';
import type { TemplateSpec } from '../mail/compiled-templates.ts';
import type { SurveyWords } from './survey-words.ts';
import { ENGLISH_SURVEY_WORDS } from './survey-words-en.ts';

export type PageResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

export interface FormModel {
  readonly caseNumber: number;
  /** The case's subject: the customer's own words, escaped by the template like every value. */
  readonly subject: string;
  readonly suggested?: SurveyAnswer;
  /** The rating this survey round has now, if any: the page says it can still be changed, and keeps its comment. */
  readonly previous?: RatingEvent;
  readonly token: string;
  readonly nonce: string;
  /** Where the form posts: the path the page was opened on. */
  readonly action: string;
  readonly expiresAt: Date;
}

/** What the thank-you page of an unhappy vote says: when a person will answer, and the supervisor form. */
export interface FollowUpModel {
  /** When a person will answer, in the team's time zone ("Tuesday 8 December at 10:00 CET"); undefined when no target runs. */
  readonly by?: string;
  /** The fields of "I'd like a supervisor to contact me": the link's token, a nonce minted for it, where it posts. */
  readonly request: { readonly token: string; readonly nonce: string; readonly action: string };
}

export const SURVEY_PAGE_FILE = 'survey-page.html.hbs';

/** The survey's pages, all from templates/<language>/survey-page.html.hbs, each with its status and security headers. */
export class SurveyPages {
  readonly #template: Handlebars.TemplateDelegate;

  /** `page` is SURVEY_PAGE_FILE, precompiled (or already a template), in the language of `words` (English when absent). */
  constructor(
    page: TemplateSpec | { readonly compiled: Handlebars.TemplateDelegate },
    private readonly supportName: string,
    private readonly words: SurveyWords = ENGLISH_SURVEY_WORDS,
  ) {
    this.#template = 'compiled' in page ? page.compiled : Handlebars.template(page);
  }

  /** The same pages under another name: a queue's, for its own customers. */
  signedAs(supportName: string): SurveyPages {
    return supportName === this.supportName
      ? this
      : new SurveyPages({ compiled: this.#template }, supportName, this.words);
  }

  form(model: FormModel): PageResponse {
    const { words } = this;
    const answers = SURVEY_ANSWERS.map((value) => ({
      value,
      label: words.answerLabels[value],
      checked: value === model.suggested,
    }));
    const previous =
      model.previous === undefined
        ? false
        : {
            label: words.answerLabels[model.previous.answer],
            date: words.day.format(new Date(model.previous.ratedAt)),
          };
    const form = {
      ...model,
      answers,
      previous,
      // Coming back to change a vote should not mean writing the comment again.
      comment: model.previous?.comment ?? '',
      expires: words.day.format(model.expiresAt),
      maxComment: MAX_COMMENT_CHARS,
    };
    return this.#page(200, words.formTitle, { form });
  }

  /** The page after a vote; `followUp` when the vote reopened the case for a person to answer. */
  thanks(rating: RatingEvent, expiresAt: Date, again: string, followUp?: FollowUpModel): PageResponse {
    const { words } = this;
    const recorded = words.recorded(words.answerLabels[rating.answer], rating.caseNumber);
    const change = words.change(words.day.format(expiresAt));
    const link = { href: again, text: words.changeLink };
    if (followUp === undefined)
      return this.#page(200, words.thanksTitle, { heading: words.thanksHeading, paragraphs: [recorded, change], link });
    return this.#page(200, words.unhappyHeading, {
      heading: words.unhappyHeading,
      paragraphs: [recorded, words.sorry(followUp.by), words.supervisorOffer, change],
      request: followUp.request,
      link,
    });
  }

  /** The page after "I'd like a supervisor to contact me". */
  supervisorRequested(caseNumber: number, supervisorName: string, by: string | undefined): PageResponse {
    const { words } = this;
    return this.#page(200, words.supervisorHeading, {
      heading: words.supervisorHeading,
      paragraphs: [words.supervisorRequested(supervisorName, caseNumber, by), words.nothingElseNeeded],
    });
  }

  /** The page of a problem; `again` links back to the survey when the link itself is still good. */
  problem(problem: SurveyProblem, again?: string): PageResponse {
    const { status, heading, paragraphs } = this.words.problems[problem];
    const response = this.#page(status, heading, {
      heading,
      paragraphs,
      link: again === undefined ? false : { href: again, text: this.words.againLink },
    });
    if (problem === 'wrong-method') response.headers.Allow = 'GET, HEAD, POST';
    return response;
  }

  #page(status: number, title: string, data: Record<string, unknown>): PageResponse {
    const html = this.#template({ title, supportName: this.supportName, form: false, request: false, ...data });
    return pageResponse(status, html);
  }
}

/** An HTML response with the headers every survey response carries. */
export function pageResponse(status: number, html: string): PageResponse {
  return { statusCode: status, headers: securityHeaders(html), body: html, isBase64Encoded: false };
}

/**
 * No script may run (there is none); the one inline style block is allowed by its hash; the form
 * posts only to us; nobody may frame the page. The token is in the URL, so no Referer carries it
 * off, and no cache keeps a page with it.
 */
export function securityHeaders(html: string): Record<string, string> {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) =>
      `'sha256-${createHash('sha256')
        .update(css ?? '')
        .digest('base64')}'`,
  );
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; style-src ${styles.join(' ') || "'none'"}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Robots-Tag': 'noindex, nofollow',
  };
}
