import type { LanguageCode } from '../../functions/core/queues.ts';
import type { SurveyProblem } from '../../functions/core/survey-vote.ts';
import { loadTemplate } from '../../functions/mail/compiled-templates.ts';
import { SurveyPages } from '../../functions/survey/survey-page.ts';
import { PROBLEM_PAGES } from '../../functions/survey/survey-problems.ts';
import { surveyWords } from '../../functions/survey/survey-words-by-language.ts';

/** The survey page in every state it is served in: the form (fresh and already rated), thanks, each problem. */
export async function renderSurveyPages(
  compiledDir: string,
  file: string,
  language: LanguageCode,
  problems: { push(line: string, sample?: string): void; describe(error: unknown): string | undefined },
): Promise<number> {
  let pages: SurveyPages;
  try {
    pages = new SurveyPages(await loadTemplate(compiledDir, file), 'Example Support', surveyWords(language));
  } catch (error) {
    problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  const expiresAt = new Date('2026-12-22T09:00:00Z');
  const rating = {
    eventId: 'e',
    caseNumber: 1001,
    agentId: 'A-101',
    answer: 'great',
    comment: 'Quick and kind',
    ratedAt: '2026-11-25T10:00:00Z',
  } as const;
  const form = {
    caseNumber: 1001,
    subject: 'My order <never> arrived',
    token: 't',
    nonce: 'n',
    action: '/survey',
    expiresAt,
  };
  const states: Array<[string, () => unknown]> = [
    ['the form', () => pages.form({ ...form, suggested: 'great' })],
    ['the form of a rated case', () => pages.form({ ...form, previous: rating })],
    ['thanks', () => pages.thanks(rating, expiresAt, '/survey?t=t&a=great')],
    [
      'thanks for an unhappy vote, with the supervisor request',
      () =>
        pages.thanks({ ...rating, answer: 'not-good' }, expiresAt, '/survey?t=t', {
          by: 'Tuesday 24 November at 10:00 CET',
          request: { token: 't', nonce: 'n', action: '/survey' },
        }),
    ],
    ['a supervisor requested', () => pages.supervisorRequested(1001, 'Sam Okafor', 'Tuesday 24 November at 10:00 CET')],
    ...Object.keys(PROBLEM_PAGES).map((problem): [string, () => unknown] => [
      `the "${problem}" page`,
      () => pages.problem(problem as SurveyProblem, '/survey?t=t'),
    ]),
    ['a problem page without a link back', () => pages.problem('expired-link')],
  ];
  let rendered = 0;
  for (const [label, render] of states) {
    try {
      render();
      rendered += 1;
    } catch (error) {
      problems.push(
        `${file}: ${problems.describe(error) ?? (error instanceof Error ? error.message : String(error))}`,
        `${label} (${language})`,
      );
    }
  }
  return rendered;
}
