import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import Handlebars from 'handlebars/runtime';
import type { RatingEvent } from '../core/ratings.ts';
import { SURVEY_ANSWERS, type SurveyAnswer } from '../core/survey-token.ts';
import { MAX_COMMENT_CHARS, type SurveyProblem } from '../core/survey-vote.ts';
import type { TemplateSpec } from '../mail/compiled-templates.ts';
import { PROBLEM_PAGES } from './survey-problems.ts';

export type PageResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

export const ANSWER_LABELS: Readonly<Record<SurveyAnswer, string>> = {
  great: 'Great',
  okay: 'Okay',
  'not-good': 'Not good',
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

/** Days in the page are spelt out ("31 December 2026") so no reader confuses day and month. */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The survey's pages, all from templates/survey-page.html.hbs, each with its status and security headers. */
export class SurveyPages {
  readonly #template: Handlebars.TemplateDelegate;

  /** `page` is SURVEY_PAGE_FILE, precompiled. */
  constructor(
    page: TemplateSpec,
    private readonly supportName: string,
  ) {
    this.#template = Handlebars.template(page);
  }

  form(model: FormModel): PageResponse {
    const answers = SURVEY_ANSWERS.map((value) => ({
      value,
      label: ANSWER_LABELS[value],
      checked: value === model.suggested,
    }));
    const previous =
      model.previous === undefined
        ? false
        : { label: ANSWER_LABELS[model.previous.answer], date: DAY.format(new Date(model.previous.ratedAt)) };
    const form = {
      ...model,
      answers,
      previous,
      // Coming back to change a vote should not mean writing the comment again.
      comment: model.previous?.comment ?? '',
      expires: DAY.format(model.expiresAt),
      maxComment: MAX_COMMENT_CHARS,
    };
    return this.#page(200, 'How did we do?', { form });
  }

  /** The page after a vote; `followUp` when the vote reopened the case for a person to answer. */
  thanks(rating: RatingEvent, expiresAt: Date, again: string, followUp?: FollowUpModel): PageResponse {
    const recorded = `We have recorded your answer “${ANSWER_LABELS[rating.answer]}” for case #${rating.caseNumber}.`;
    const change = `You can change it until ${DAY.format(expiresAt)} by opening the survey again.`;
    if (followUp === undefined)
      return this.#page(200, 'Thank you', {
        heading: 'Thank you!',
        paragraphs: [recorded, change],
        link: { href: again, text: 'Change my answer' },
      });
    return this.#page(200, 'Thank you for telling us', {
      heading: 'Thank you for telling us',
      paragraphs: [
        recorded,
        followUp.by === undefined
          ? 'We are sorry it was not better. A person from our team will get back to you about it.'
          : `We are sorry it was not better. A person from our team will get back to you by ${followUp.by}.`,
        'If you would rather speak to a supervisor, press the button below and the supervisor on duty will contact you.',
        change,
      ],
      request: followUp.request,
      link: { href: again, text: 'Change my answer' },
    });
  }

  /** The page after "I'd like a supervisor to contact me". */
  supervisorRequested(caseNumber: number, supervisorName: string, by: string | undefined): PageResponse {
    return this.#page(200, 'A supervisor will contact you', {
      heading: 'A supervisor will contact you',
      paragraphs: [
        `${supervisorName}, our supervisor on duty, now has case #${caseNumber} and will contact you${by === undefined ? ' as soon as they can' : ` by ${by}`}.`,
        'You do not need to do anything else. You can also reply to our email at any time.',
      ],
    });
  }

  /** The page of a problem; `again` links back to the survey when the link itself is still good. */
  problem(problem: SurveyProblem, again?: string): PageResponse {
    const { status, heading, paragraphs } = PROBLEM_PAGES[problem];
    const response = this.#page(status, heading, {
      heading,
      paragraphs,
      link: again === undefined ? false : { href: again, text: 'Open the survey again' },
    });
    if (problem === 'wrong-method') response.headers.Allow = 'GET, HEAD, POST';
    return response;
  }

  #page(status: number, title: string, data: Record<string, unknown>): PageResponse {
    const html = this.#template({ title, supportName: this.supportName, form: false, request: false, ...data });
    return pageResponse(status, html);
  }
}

/** The last resort when the pages themselves cannot be rendered: plain words, still no stack trace. */
export const PLAIN_ERROR_PAGE =
  '<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Something went wrong</title><h1>Something went wrong on our side</h1><p>Please try again in a few minutes, or reply to our email instead.</p></html>';

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
