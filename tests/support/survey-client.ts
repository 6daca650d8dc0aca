import type { SurveyAnswer } from '../../functions/core/survey-token.ts';

/** How each answer's link is labelled in the text part of a closing message. */
const LINK_LABEL: Readonly<Record<SurveyAnswer, string>> = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' };

/** The survey link of `answer` in the text part of a closing message. */
export function surveyLink(closingText: string, answer: SurveyAnswer): string {
  const link = new RegExp(`${LINK_LABEL[answer]}:\\s+(\\S+)`).exec(closingText)?.[1];
  if (link === undefined) throw new Error(`The closing message has no "${LINK_LABEL[answer]}" survey link`);
  return link;
}

/** The value of a hidden field of a served page (the first form that has it). */
export function hiddenField(page: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? '';
}

/** Posts a survey page's form as a browser does, to the path the page was served on. */
export async function postForm(
  link: string,
  fields: Record<string, string>,
): Promise<{ status: number; html: string }> {
  const url = new URL(link);
  const response = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, html: await response.text() };
}

/**
 * Votes as a customer does: opens the answer's link, then confirms the form the page served (its
 * token and nonce) with an optional comment. Returns the status and the page that answered.
 */
export async function voteOnSurvey(
  closingText: string,
  answer: SurveyAnswer,
  comment = '',
): Promise<{ status: number; html: string }> {
  const link = surveyLink(closingText, answer);
  const page = await (await fetch(link)).text();
  return postForm(link, { t: hiddenField(page, 't'), n: hiddenField(page, 'n'), a: answer, comment });
}

/**
 * Answers the survey of a closing message as a customer does (see voteOnSurvey). Returns the
 * status of the confirmation (200 when recorded).
 */
export async function answerSurvey(closingText: string, answer: SurveyAnswer, comment = ''): Promise<number> {
  return (await voteOnSurvey(closingText, answer, comment)).status;
}
