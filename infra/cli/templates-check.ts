import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { TemplateRenderer, TemplateRenderError } from '../../functions/mail/render-template.ts';
import { PARTIALS_DIR } from '../../functions/mail/compiled-templates.ts';
import { resolveTemplate, templateFolders } from '../../functions/mail/template-folders.ts';
import { SURVEY_PAGE_FILE } from '../../functions/survey/survey-page.ts';
import { FALLBACK_LANGUAGE } from '../../functions/core/queues.ts';
import { compileTemplates, templateFiles } from '../templates/compile-templates.ts';
import { commandHelp, stringOption, UsageError, type Command } from './command-line.ts';
import { checkMacros } from './macro-check.ts';
import { renderSurveyPages } from './survey-page-check.ts';
import { describeChoice, templateChoices } from './template-languages.ts';
import { templateSamples } from './template-samples.ts';

const REPO_TEMPLATES = resolve(import.meta.dirname, '..', '..', 'templates');
/** A partial used by a template: `{{> name}}` or `{{#> name}}`. */
const PARTIAL_USE = /\{\{#?>\s*([\w-]+)/g;

export interface TemplateCheck {
  /** Messages rendered: samples, survey pages and saved answers. */
  readonly rendered: number;
  /** Template files the samples rendered, relative to the folder. */
  readonly covered: readonly string[];
  /** Each problem in one line, naming the file; none when every template renders. */
  readonly problems: readonly string[];
}

/**
 * Compiles every template in `dir` as a deploy does, then renders each with sample data drafted by
 * the real planners (and the survey page in each of its states). A problem is a file that does not
 * compile, a variable a template names that the data lacks (also inside `{{#if}}`, where Handlebars
 * would silently print nothing), a file that will not render, or a template file no sample renders
 * (a new template needs a sample in template-samples.ts).
 */
export async function checkTemplates(dir: string): Promise<TemplateCheck> {
  const compiledDir = await mkdtemp(join(tmpdir(), 'mailcase-templates-check-'));
  try {
    return await checkCompiled(dir, compiledDir);
  } finally {
    await rm(compiledDir, { recursive: true, force: true });
  }
}

async function checkCompiled(dir: string, compiledDir: string): Promise<TemplateCheck> {
  const found: Problem[] = [];
  const problems = { push: (line: string, sample = '') => found.push({ line, sample }) };
  const covered = new Set<string>();
  let rendered = 0;
  const renderer = await compileTemplates(dir, compiledDir).then(
    () => TemplateRenderer.load(compiledDir),
    (error: unknown) => {
      problems.push(describeFailure(error));
      return undefined;
    },
  );
  const choices = renderer === undefined ? [] : templateChoices(dir);
  const samples = templateSamples();
  for (const choice of choices) {
    const folders = templateFolders(choice);
    for (const { label, draft } of samples) {
      const sample = `${label} (${describeChoice(choice)})`;
      const files = ['subject', 'text', 'html'].map((part) =>
        resolveTemplate(compiledDir, folders, `${draft.template}.${part}.hbs`),
      );
      for (const f of files) covered.add(f);
      const missing = new Set<string>();
      try {
        await renderer?.render(draft.template, watched(draft.data, missing, ''), choice);
        rendered += 1;
        for (const name of missing)
          problems.push(
            `${filesNaming(dir, files, name)}: "${name}" is not in the data (read by {{#if}} or {{#each}}, where Handlebars prints nothing instead of failing)`,
            sample,
          );
      } catch (error) {
        problems.push(describeFailure(error), sample);
      }
    }
    const page = resolveTemplate(compiledDir, folders, SURVEY_PAGE_FILE);
    covered.add(page);
    rendered += await renderSurveyPages(compiledDir, page, choice.language ?? FALLBACK_LANGUAGE, {
      ...problems,
      describe: missingVariable,
    });
  }
  if (renderer !== undefined)
    rendered += await checkMacros(compiledDir, { watched, describeFailure, ...problems, cover: (f) => covered.add(f) });
  const folders = [...new Set(choices.flatMap((choice) => templateFolders(choice)))];
  for (const file of [...covered])
    for (const partial of partialsUsedBy(dir, file))
      for (const folder of folders) covered.add(`${folder}/${PARTIALS_DIR}/${partial}.hbs`);
  for (const file of templateFiles(dir).filter((f) => !covered.has(f))) {
    problems.push(`${file}: no sample renders it; add one to infra/cli/template-samples.ts so this check covers it`);
  }
  return { rendered, covered: [...covered].sort(), problems: grouped(found) };
}

interface Problem {
  readonly line: string;
  /** The sample it showed in, if any. */
  readonly sample: string;
}

/** One line per problem, naming the samples it showed in (the same gap usually shows in several). */
function grouped(found: readonly Problem[]): string[] {
  const samples = new Map<string, string[]>();
  for (const { line, sample } of found)
    samples.set(line, [...(samples.get(line) ?? []), ...(sample === '' ? [] : [sample])]);
  return [...samples].map(([line, where]) =>
    where.length === 0
      ? line
      : `${line}; in ${where.length === 1 ? 'the sample' : `${where.length} samples, e.g.`} "${where[0]}"`,
  );
}

/** The files among `files` that name `path`'s last part: where a gap that did not throw must be. */
function filesNaming(dir: string, files: readonly string[], path: string): string {
  const name =
    path
      .split(/[.[\]]/)
      .filter(Boolean)
      .at(-1) ?? path;
  const naming = files.filter(
    (f) =>
      existsSync(join(dir, f)) &&
      new RegExp(`\\b${name.replace(/[^\w-]/g, '')}\\b`).test(readFileSync(join(dir, f), 'utf8')),
  );
  return naming.length === 0 ? files.join(', ') : naming.join(', ');
}

/** "acknowledgement.text.hbs: "greetingNme" is not in the data (line 3)", or the error as it came. */
function describeFailure(error: unknown): string {
  if (!(error instanceof TemplateRenderError)) return error instanceof Error ? error.message : String(error);
  return `${error.file}: ${missingVariable(error.cause) ?? (error.cause instanceof Error ? error.cause.message : String(error.cause))}`;
}

/** Handlebars' strict-mode error (`"name" not defined in [object Object] - 3:6`), in words. */
function missingVariable(error: unknown): string | undefined {
  const found = error instanceof Error ? /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(error.message) : null;
  return found === null
    ? undefined
    : `"${found[1]}" is not in the data (line ${found[2]}, column ${Number(found[3]) + 1})`;
}

/** Data that notes every name a template looks up and does not find, where Handlebars would not complain. */
function watched<T>(value: T, missing: Set<string>, path: string): T {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value, {
    get(target, name, receiver) {
      const found: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string') return found;
      const at = Array.isArray(target) ? `${path}[]` : path === '' ? name : `${path}.${name}`;
      if (!(name in target)) missing.add(at);
      return watched(found, missing, at);
    },
  });
}

function partialsUsedBy(dir: string, file: string): string[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  return [...readFileSync(path, 'utf8').matchAll(PARTIAL_USE)].map((m) => m[1] ?? '');
}

const check: Command = {
  path: ['templates', 'check'],
  summary: 'Renders every template with sample data; fails on a missing variable',
  synopsis: 'templates check [--templates DIR]',
  details: `Needs no running stack. Renders every sample in every language folder (templates/en/, templates/de/ ...)
and every queue's folder (templates/queues/<name>/<language>/), each file looked up as a mail would be.
Fails (exit status 1) when a template names a variable its data lacks, will not render, or is a file
no sample covers; each problem names the file, so its language.

Options:
  --templates DIR   the folder to check (default: this repository's templates/)

Example: support templates check`,
  options: { templates: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const dir = resolve(stringOption(values, 'templates') ?? REPO_TEMPLATES);
    if (!existsSync(dir)) throw new UsageError(`--templates: there is no folder ${dir}`, commandHelp(check));
    const result = await checkTemplates(dir);
    if (result.problems.length === 0) {
      context.io.out(
        `All ${result.covered.length} template files in ${dir} render: ${result.rendered} messages and pages, every variable present.`,
      );
      return 0;
    }
    const shown = relative(process.cwd(), dir);
    const prefix = shown === '' ? '' : `${shown.startsWith('..') ? dir : shown}/`;
    for (const problem of result.problems) context.io.err(`${prefix}${problem}`);
    context.io.err(`\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${dir}.`);
    return 1;
  },
};

export const templateCommands: readonly Command[] = [check];
