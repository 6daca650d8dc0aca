import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars/runtime';
import { MACRO_NAME, type MacroBook, type MacroVariables } from '../core/macros.ts';
import { COMPILED_SUFFIX, loadTemplate, MACROS_DIR } from './compiled-templates.ts';
import { TemplateRenderError } from './render-template.ts';

const MACRO_SUFFIX = `.hbs${COMPILED_SUFFIX}`;

/** The names of the saved answers in a folder of precompiled templates (`macros/<name>.hbs.mjs`), sorted. */
export function macroNames(templatesDir: string): string[] {
  const dir = join(templatesDir, MACROS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(MACRO_SUFFIX))
    .map((f) => f.slice(0, -MACRO_SUFFIX.length))
    .filter((name) => MACRO_NAME.test(name))
    .sort();
}

/**
 * The saved answers `wanted` names, loaded from a folder of precompiled templates, for the core to
 * render (a reply's planner is synchronous, so the templates are read before it runs). Only the
 * named ones are loaded: most replies name none.
 */
export async function loadMacroBook(templatesDir: string, wanted: readonly string[]): Promise<MacroBook> {
  const names = macroNames(templatesDir);
  const handlebars = Handlebars.create();
  const compiled = new Map(
    await Promise.all(
      [...new Set(wanted)]
        .filter((name) => names.includes(name))
        .map(async (name) => {
          const spec = await loadTemplate(templatesDir, `${MACROS_DIR}/${name}.hbs`);
          return [name, handlebars.template<MacroVariables>(spec)] as const;
        }),
    ),
  );
  return {
    names,
    render(name, variables) {
      const template = compiled.get(name);
      if (template === undefined) return undefined;
      try {
        return template(variables);
      } catch (error) {
        throw new TemplateRenderError(`${MACROS_DIR}/${name}.hbs`, { cause: error });
      }
    },
  };
}
