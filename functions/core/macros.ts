import type { Agent } from './agents.ts';
import type { SupportCase } from './support-case.ts';

/**
 * Saved answers (`#macro <name>`): `templates/macros/<name>.hbs`, rendered with the case's and the
 * agent's names and put where the agent's own answer goes, after whatever the agent wrote.
 */

/**
 * A saved answer's name: lower-case letters, digits and dashes. It names a file, so nothing that
 * could leave the macros folder (`/`, `..`) is a name; 64 characters is longer than any name an
 * agent types from memory.
 */
export const MACRO_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What a saved answer can say: who it greets, the case, and who signs it. */
export interface MacroVariables {
  /** The customer's first name, or "there" ("Hi there,") when the case knows no name. */
  readonly customerFirstName: string;
  readonly caseNumber: number;
  readonly agentName: string;
  readonly agentId: string;
}

/** The saved answers a reply may use, already loaded (the caller reads only those the reply names). */
export interface MacroBook {
  /** Every saved answer's name, for the error that names an unknown one. */
  readonly names: readonly string[];
  /** The saved answer `name` rendered with `variables`; undefined when there is none of that name. */
  render(name: string, variables: MacroVariables): string | undefined;
}

/** The greeting when a case has no name for its customer: "Hi there,". */
export const NO_FIRST_NAME = 'there';

/** The variables a saved answer is rendered with on this case, signed by `agent`. */
export function macroVariables(supportCase: SupportCase, agent: Agent): MacroVariables {
  return {
    customerFirstName: firstName(supportCase.requester?.name),
    caseNumber: supportCase.caseNumber,
    agentName: agent.name,
    agentId: agent.agentId,
  };
}

/** A display name's first word ("Ana" of "Ana Souza", "Ana" of "Souza, Ana"), or NO_FIRST_NAME. */
export function firstName(displayName: string | undefined): string {
  const name = (displayName ?? '').replace(/["']/g, '').trim();
  if (name === '' || name.includes('@')) return NO_FIRST_NAME;
  // "Souza, Ana" is how directories write "Ana Souza".
  const given = name.includes(',') ? (name.split(',')[1] ?? '') : name;
  return given.trim().split(/\s+/)[0] || NO_FIRST_NAME;
}

/** Plain explanations for each saved answer the book does not have. */
export function unknownMacros(names: readonly string[], book: MacroBook | undefined): string[] {
  const known = book?.names ?? [];
  return names
    .filter((name) => !known.includes(name))
    .map(
      (name) =>
        `#macro ${name}: there is no saved answer of that name. ${known.length === 0 ? 'None are set up yet (templates/macros/).' : `Saved answers: ${known.join(', ')}.`}`,
    );
}

/**
 * The answer that goes to the customer: the agent's own words, then each saved answer in the order
 * named. Names the book lacks are left out (unknownMacros reports them before anything is sent).
 */
export function answerWithMacros(
  written: string,
  names: readonly string[],
  book: MacroBook | undefined,
  variables: MacroVariables,
): string {
  const saved = names.flatMap((name) => {
    const text = book?.render(name, variables)?.trim();
    return text ? [text] : [];
  });
  return [written.trim(), ...saved].filter(Boolean).join('\n\n');
}
