import { MACROS_DIR } from '../../functions/mail/compiled-templates.ts';
import { loadMacroBook, macroNames } from '../../functions/mail/macro-book.ts';
import type { MacroVariables } from '../../functions/core/macros.ts';

/** What a saved answer is rendered with in the check: every variable a real reply gives one. */
export const SAMPLE_MACRO_VARIABLES: MacroVariables = {
  customerFirstName: 'Ana',
  caseNumber: 1001,
  agentName: 'Maria Lopez',
  agentId: 'A-101',
};

/** How templates-check watches data and words its failures, passed in so the two modules do not import each other. */
export interface MacroCheckTools {
  watched<T>(value: T, missing: Set<string>, path: string): T;
  describeFailure(error: unknown): string;
  push(line: string, sample?: string): void;
  cover(file: string): void;
}

/**
 * Renders every saved answer (`macros/<name>.hbs`) in a folder of compiled templates with the
 * variables a reply gives it; a variable no reply gives is a problem, as in the other templates.
 * Returns how many rendered.
 */
export async function checkMacros(compiledDir: string, tools: MacroCheckTools): Promise<number> {
  let rendered = 0;
  for (const name of macroNames(compiledDir)) {
    const file = `${MACROS_DIR}/${name}.hbs`;
    tools.cover(file);
    const missing = new Set<string>();
    try {
      const book = await loadMacroBook(compiledDir, [name]);
      book.render(name, tools.watched(SAMPLE_MACRO_VARIABLES, missing, ''));
      rendered += 1;
      for (const variable of missing)
        tools.push(
          `${file}: "${variable}" is not a saved answer's variable (they are ${Object.keys(SAMPLE_MACRO_VARIABLES).join(', ')})`,
        );
    } catch (error) {
      tools.push(tools.describeFailure(error), `the saved answer ${name}`);
    }
  }
  return rendered;
}
