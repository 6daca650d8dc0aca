import { join } from 'node:path';
import { FALLBACK_LANGUAGE } from '../../functions/core/queues.ts';
import {
  languageFolders,
  QUEUES_DIR,
  SAFE_FOLDER,
  subfolders,
  type TemplateChoice,
} from '../../functions/mail/template-folders.ts';

/** A choice as the check names it in a problem's sample: "de", "queue billing, de". */
export function describeChoice(choice: TemplateChoice): string {
  const language = choice.language ?? FALLBACK_LANGUAGE;
  return choice.templates === undefined ? language : `queue ${choice.templates}, ${language}`;
}

/**
 * Every way the folder's templates can be chosen: each language folder (English first), then each
 * queue folder under queues/ in each language it or the shared folders have. Rendering every sample
 * in each finds a variable a translation or a queue's own file names that the data lacks.
 */
export function templateChoices(dir: string): TemplateChoice[] {
  const languages = languageFolders(dir);
  const queues = subfolders(join(dir, QUEUES_DIR)).filter((q) => SAFE_FOLDER.test(q));
  return [
    ...languages.map((language) => ({ language })),
    ...queues.flatMap((templates) =>
      [...new Set([...languages, ...languageFolders(join(dir, QUEUES_DIR, templates))])].map((language) => ({
        language,
        templates,
      })),
    ),
  ];
}
