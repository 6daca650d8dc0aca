import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed survey links: `<base>?t=<token>&a=<answer>`. The token names the case and the agent the
 * rating is for, and when it was issued; the HMAC (the reply-token key, under its own prefix)
 * makes it unforgeable, and the issue time makes it expire. The answer is not signed: the person
 * chooses it on the page before confirming.
 *
 * Token: `<case number>[r<round>].<agent ID>.<issued, epoch seconds base 36>.<mac>`: URL-safe as
 * it is. The round is absent for a case's first survey (so links sent before rounds existed still
 * work) and `r2`, `r3` ... for the survey a solved follow-up sends again.
 */
export const SURVEY_ANSWERS = ['great', 'okay', 'not-good'] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

/** 128 bits of HMAC-SHA256 in base64url: unguessable, and short enough for a link in a mail. */
const MAC_CHARS = 22;
const TOKEN = /^(\d{1,12})(?:r(\d{1,4}))?\.([A-Za-z0-9-]{1,20})\.([0-9a-z]{1,9})\.([A-Za-z0-9_-]{22})$/;
const DAY_S = 86_400;

export interface SurveyClaims {
  readonly caseNumber: number;
  /** The agent who closed the case: the rating counts for them. */
  readonly agentId: string;
  /** Which survey of the case: 1 for the first, one more for each follow-up solved since. Default 1. */
  readonly round?: number;
}

export type SurveyTokenCheck =
  | ({ readonly valid: true; readonly issuedAt: Date; readonly expiresAt: Date } & SurveyClaims)
  | { readonly valid: false; readonly reason: 'malformed' | 'bad-signature' | 'expired' };

export function createSurveyToken(secret: string, claims: SurveyClaims & { readonly now: Date }): string {
  const issued = Math.floor(claims.now.getTime() / 1000).toString(36);
  const round = claims.round ?? 1;
  const casePart = round > 1 ? `${claims.caseNumber}r${round}` : String(claims.caseNumber);
  return `${casePart}.${claims.agentId}.${issued}.${mac(secret, claims.caseNumber, claims.agentId, issued, round)}`;
}

/** Checks a token at `now`; it works for `linkDays` days from when it was issued. */
export function verifySurveyToken(secret: string, token: string, now: Date, linkDays: number): SurveyTokenCheck {
  const match = TOKEN.exec(token);
  if (match === null) return { valid: false, reason: 'malformed' };
  const [, number, roundText, agentId, issued, given] = match as unknown as [
    string,
    string,
    string | undefined,
    string,
    string,
    string,
  ];
  const caseNumber = Number(number);
  const round = roundText === undefined ? 1 : Number(roundText);
  if (!timingSafeEqual(Buffer.from(mac(secret, caseNumber, agentId, issued, round)), Buffer.from(given)))
    return { valid: false, reason: 'bad-signature' };
  const issuedAt = new Date(parseInt(issued, 36) * 1000);
  const expiresAt = new Date(issuedAt.getTime() + linkDays * DAY_S * 1000);
  if (now < new Date(issuedAt.getTime() - CLOCK_SKEW_MS) || now >= expiresAt)
    return { valid: false, reason: 'expired' };
  return { valid: true, caseNumber, agentId, round, issuedAt, expiresAt };
}

/** Links issued by one function and opened by another may see clocks a little apart. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The three one-click links of a closing message, each opening the page with its answer chosen. */
export function surveyLinks(surveyUrl: string, token: string): Record<SurveyAnswer, string> {
  const link = (answer: SurveyAnswer) => {
    const url = new URL(surveyUrl);
    url.searchParams.set('t', token);
    url.searchParams.set('a', answer);
    return url.toString();
  };
  return { great: link('great'), okay: link('okay'), 'not-good': link('not-good') };
}

export function isSurveyAnswer(value: unknown): value is SurveyAnswer {
  return typeof value === 'string' && (SURVEY_ANSWERS as readonly string[]).includes(value);
}

function mac(secret: string, caseNumber: number, agentId: string, issued: string, round: number): string {
  // The first round signs what links always signed; a later round signs its number too.
  return createHmac('sha256', secret)
    .update(`survey|v1|${caseNumber}|${agentId}|${issued}${round > 1 ? `|r${round}` : ''}`)
    .digest('base64url')
    .slice(0, MAC_CHARS);
}

/** Survey links for a case's closing message, as the planners need them. */
export interface SurveyLinkFactory {
  linksFor(
    caseNumber: number,
    agentId: string,
    round?: number,
  ): { readonly links: Record<SurveyAnswer, string>; readonly expiresAt: Date };
}

export function surveyLinkFactory(secret: string, surveyUrl: string, linkDays: number, now: Date): SurveyLinkFactory {
  return {
    linksFor(caseNumber, agentId, round) {
      const token = createSurveyToken(secret, { caseNumber, agentId, now, ...(round === undefined ? {} : { round }) });
      return { links: surveyLinks(surveyUrl, token), expiresAt: new Date(now.getTime() + linkDays * DAY_S * 1000) };
    },
  };
}
