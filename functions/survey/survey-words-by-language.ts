import { primaryLanguage } from '../core/case-language.ts';
import { FALLBACK_LANGUAGE, type LanguageCode } from '../core/queues.ts';
import type { SurveyWords } from './survey-words.ts';
import { GERMAN_SURVEY_WORDS } from './survey-words-de.ts';
import { ENGLISH_SURVEY_WORDS } from './survey-words-en.ts';

/** The languages the survey pages' own words are written in (the templates have theirs in templates/<language>/). */
const SURVEY_WORDS: Readonly<Record<LanguageCode, SurveyWords>> = {
  [FALLBACK_LANGUAGE]: ENGLISH_SURVEY_WORDS,
  de: GERMAN_SURVEY_WORDS,
};

/** The survey pages' words in `language`, or English when they have none in it. */
export function surveyWords(language: LanguageCode = FALLBACK_LANGUAGE): SurveyWords {
  return SURVEY_WORDS[language] ?? ENGLISH_SURVEY_WORDS;
}

/**
 * The last-resort page of a survey function that could not start, when neither the case nor its
 * language can be read: in the language the browser asks for first (`Accept-Language`), when the
 * survey has words in it.
 */
export function plainErrorPage(acceptLanguage: string | undefined): string {
  return surveyWords(primaryLanguage(acceptLanguage)).plainErrorPage;
}
