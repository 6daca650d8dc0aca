import { caseLanguage } from '../core/draft-language.ts';
import { FALLBACK_LANGUAGE, type LanguageCode } from '../core/queues.ts';
import type { PipelineSettings } from '../core/settings.ts';
import type { SupportCase } from '../core/support-case.ts';
import { loadTemplate } from '../mail/compiled-templates.ts';
import { languageFolders, resolveTemplate, templateFolders } from '../mail/template-folders.ts';
import { SURVEY_PAGE_FILE, SurveyPages } from './survey-page.ts';
import { surveyWords } from './survey-words-by-language.ts';

/**
 * The survey's pages for a reader: in the case's language (English for a language we have no page
 * in), under its queue's name (the deployment's when the case is not known).
 */
export type SurveyPagesIn = (reader?: PageReader) => SurveyPages;

/** Whose page it is: a case's customer, in the case's language, answered by its queue, on its queue's clock. */
export interface PageReader {
  readonly language: LanguageCode;
  readonly supportName: string;
  /** The queue's business time zone: the one a deadline on the page is told in. */
  readonly timeZone: string;
}

/** The page's reader: the case's customer, in its language, answered under its queue's name and clock (`settings` are the queue's). */
export function pageReader(
  supportCase: Pick<SupportCase, 'language'>,
  settings: Pick<PipelineSettings, 'language' | 'supportName' | 'businessHours'>,
): PageReader {
  return {
    language: caseLanguage(supportCase, settings),
    supportName: settings.supportName,
    timeZone: settings.businessHours.timeZone,
  };
}

/**
 * Loads the survey page of every language folder in a folder of compiled templates (each falling
 * back to English file by file, like mail). All are loaded when the function starts, so a broken
 * page fails the start, not a customer's vote.
 */
export async function loadSurveyPages(dir: string, supportName: string): Promise<SurveyPagesIn> {
  const pages = new Map(
    await Promise.all(
      languageFolders(dir).map(async (language) => {
        const file = resolveTemplate(dir, templateFolders({ language }), SURVEY_PAGE_FILE);
        return [language, new SurveyPages(await loadTemplate(dir, file), supportName, surveyWords(language))] as const;
      }),
    ),
  );
  const english = pages.get(FALLBACK_LANGUAGE) as SurveyPages;
  return (reader) => {
    const page = (reader === undefined ? undefined : pages.get(reader.language)) ?? english;
    return reader === undefined ? page : page.signedAs(reader.supportName);
  };
}
