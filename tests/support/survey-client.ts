import type { SurveyAnswer } from '../../functions/core/survey-token.ts';

/** How each answer's link is labelled in the text part of a closing message. */
const LINK_LABEL: Readonly<Record<SurveyAnswer, string>> = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' };

/**
 * Answers the survey of a closing message as a customer does: opens the answer's link from the
 * mail's text, then confirms the form the page served (its token and nonce) with an optional comment.
 * Returns the status of the confirmation (200 when recorded).
 */
export async function answerSurvey(closingText: string, answer: SurveyAnswer, comment = ''): Promise<number> {
  const link = new RegExp(`${LINK_LABEL[answer]}:\\s+(\\S+)`).exec(closingText)?.[1];
  if (link === undefined) throw new Error(`The closing message has no "${LINK_LABEL[answer]}" survey link`);
  const page = await (await fetch(link)).text();
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? '';
  const url = new URL(link);
  const response = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ t: hidden('t'), n: hidden('n'), a: answer, comment }).toString(),
  });
  await response.text();
  return response.status;
}
