import type { SurveyWords } from './survey-words.ts';
import { PROBLEM_PAGES } from './survey-problems.ts';

/** The survey pages' words in English: every page a case in a language without its own words sees. */
export const ENGLISH_SURVEY_WORDS: SurveyWords = {
  language: 'en',
  answerLabels: { great: 'Great', okay: 'Okay', 'not-good': 'Not good' },
  // Days are spelt out ("31 December 2026") so no reader confuses day and month.
  day: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  formTitle: 'How did we do?',
  thanksTitle: 'Thank you',
  thanksHeading: 'Thank you!',
  unhappyHeading: 'Thank you for telling us',
  recorded: (answerLabel, caseNumber) => `We have recorded your answer “${answerLabel}” for case #${caseNumber}.`,
  change: (until) => `You can change it until ${until} by opening the survey again.`,
  sorry: (by) =>
    by === undefined
      ? 'We are sorry it was not better. A person from our team will get back to you about it.'
      : `We are sorry it was not better. A person from our team will get back to you by ${by}.`,
  supervisorOffer:
    'If you would rather speak to a supervisor, press the button below and the supervisor on duty will contact you.',
  changeLink: 'Change my answer',
  supervisorHeading: 'A supervisor will contact you',
  supervisorRequested: (supervisorName, caseNumber, by) =>
    `${supervisorName}, our supervisor on duty, now has case #${caseNumber} and will contact you${by === undefined ? ' as soon as they can' : ` by ${by}`}.`,
  nothingElseNeeded: 'You do not need to do anything else. You can also reply to our email at any time.',
  againLink: 'Open the survey again',
  problems: PROBLEM_PAGES,
  plainErrorPage:
    '<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Something went wrong</title><h1>Something went wrong on our side</h1><p>Please try again in a few minutes, or reply to our email instead.</p></html>',
};
