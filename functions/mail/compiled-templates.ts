import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Handlebars from 'handlebars';

/**
 * The templates as a function runs them: each file of templates/ precompiled (by
 * infra/templates/compile-templates.ts, when CDK bundles a function and when `npm start` starts) into
 * a module of its own in TEMPLATES_DIR, `<file>.mjs` (`acknowledgement.text.hbs.mjs`,
 * `partials/transcript-html.hbs.mjs`). Functions need only Handlebars' runtime, not its compiler,
 * and load a template when they first render it, so none parses the templates it never sends.
 */
export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** The module a template file is compiled into. */
export const COMPILED_SUFFIX = '.mjs';

/** Sections several messages share: `partials/<name>-text.hbs` and `partials/<name>-html.hbs`. */
export const PARTIALS_DIR = 'partials';

/** Saved answers agents add with `#macro <name>`: `macros/<name>.hbs`, plain text (see functions/core/macros.ts). */
export const MACROS_DIR = 'macros';

/**
 * How a file is compiled: an HTML part (`*.html.hbs`, `partials/*-html.hbs`) escapes every value,
 * a subject or text part does not (it is not HTML). `strict` makes a missing variable an error
 * instead of a blank in a customer's mail.
 */
export function compileOptionsFor(file: string): { strict: true; noEscape: boolean } {
  return { strict: true, noEscape: !/[.-]html\.hbs$/.test(file) };
}

/** The precompiled template `file` (a path relative to the templates folder, e.g. `survey-page.html.hbs`). */
export async function loadTemplate(dir: string, file: string): Promise<TemplateSpec> {
  return ((await import(pathToFileURL(join(dir, `${file}${COMPILED_SUFFIX}`)).href)) as { default: TemplateSpec })
    .default;
}

/** Every precompiled partial in the folder, by the name templates call it (`transcript-html`). */
export async function loadPartials(dir: string): Promise<Map<string, TemplateSpec>> {
  const suffix = `.hbs${COMPILED_SUFFIX}`;
  const files = existsSync(join(dir, PARTIALS_DIR))
    ? readdirSync(join(dir, PARTIALS_DIR)).filter((f) => f.endsWith(suffix))
    : [];
  return new Map(
    await Promise.all(
      files.map(
        async (f) =>
          [
            f.slice(0, -suffix.length),
            await loadTemplate(dir, `${PARTIALS_DIR}/${f.slice(0, -COMPILED_SUFFIX.length)}`),
          ] as const,
      ),
    ),
  );
}
