import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FALLBACK_LANGUAGE } from '../../functions/core/queues.ts';
import { QUEUES_DIR, type TemplateChoice } from '../../functions/mail/template-folders.ts';

/** A language folder's name: an ISO 639-1 code. */
const LANGUAGE_FOLDER = /^[a-z]{2}$/;

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
  const languages = languagesIn(dir);
  const queues = subfolders(join(dir, QUEUES_DIR)).filter((q) => /^[a-z0-9][a-z0-9-]*$/.test(q));
  return [
    ...languages.map((language) => ({ language })),
    ...queues.flatMap((templates) =>
      [...new Set([...languages, ...languagesIn(join(dir, QUEUES_DIR, templates))])].map((language) => ({
        language,
        templates,
      })),
    ),
  ];
}

/** The language folders in `dir`, English first (every other falls back to it). */
function languagesIn(dir: string): string[] {
  const found = subfolders(dir).filter((f) => LANGUAGE_FOLDER.test(f));
  return [FALLBACK_LANGUAGE, ...found.filter((l) => l !== FALLBACK_LANGUAGE).sort()];
}

function subfolders(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
}
