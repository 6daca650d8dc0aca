import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FALLBACK_LANGUAGE, LANGUAGE_CODE_FORM, type LanguageCode } from '../core/queues.ts';
import { COMPILED_SUFFIX } from './compiled-templates.ts';

/** Each queue's own templates: `queues/<folder>/<language>/`, replacing the shared ones file by file. */
export const QUEUES_DIR = 'queues';

/**
 * What a folder name taken from data may look like: a language code or a queue's folder name. Anything
 * else (a slash, a dot) could reach outside the templates, so it counts as absent.
 */
export const SAFE_FOLDER = /^[a-z0-9][a-z0-9-]*$/;

/** Which templates a message is rendered with. */
export interface TemplateChoice {
  /** The language (a case's, or its queue's for the team); absent: FALLBACK_LANGUAGE. */
  readonly language?: LanguageCode;
  /** The queue's folder under templates/queues/ (SupportQueue.templates); absent: the shared templates only. */
  readonly templates?: string;
}

/**
 * The folders a template file is looked for in, first to last: the queue's own in the language, the
 * queue's own in English, the shared ones in the language, the shared English. The lookup is per
 * file, so a language or a queue may leave any file out: its mail is then English (or shared),
 * never broken.
 */
export function templateFolders(choice: TemplateChoice = {}): string[] {
  const language = safe(choice.language) ?? FALLBACK_LANGUAGE;
  const shared = [language, FALLBACK_LANGUAGE];
  const queue = safe(choice.templates);
  return [...new Set([...(queue === undefined ? [] : shared.map((l) => `${QUEUES_DIR}/${queue}/${l}`)), ...shared])];
}

/**
 * `file` in the first of `folders` (from templateFolders) that has it compiled in `dir`, as a path
 * relative to `dir` (`de/acknowledgement.text.hbs`); when none has it, its path in the last folder,
 * so the error that follows names the English file that should be there.
 */
export function resolveTemplate(dir: string, folders: readonly string[], file: string): string {
  const found = folders.find((folder) => existsSync(join(dir, folder, `${file}${COMPILED_SUFFIX}`)));
  return `${found ?? folders.at(-1) ?? FALLBACK_LANGUAGE}/${file}`;
}

function safe(name: string | undefined): string | undefined {
  const lower = name?.toLowerCase();
  return lower !== undefined && SAFE_FOLDER.test(lower) ? lower : undefined;
}

/** The language folders in `dir` (templates/, or a queue's own folder), English first: every other falls back to it. */
export function languageFolders(dir: string): string[] {
  const found = subfolders(dir).filter((f) => LANGUAGE_CODE_FORM.test(f));
  return [FALLBACK_LANGUAGE, ...found.filter((l) => l !== FALLBACK_LANGUAGE).sort()];
}

/** The names of the folders in `dir`; none when it is missing. */
export function subfolders(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
}
