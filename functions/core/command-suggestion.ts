/**
 * "Did you mean #solve?": the known command nearest to one an agent mistyped or remembered from
 * another helpdesk. Written here rather than taken from a library because the core imports nothing
 * but itself (the dependency rule); command names are a dozen short words, so a plain edit distance
 * is all it needs.
 */

/** Words agents bring from other helpdesks, and the command that does that here. */
export const COMMAND_SYNONYMS: Readonly<Record<string, string>> = {
  close: 'solve',
  resolve: 'solve',
  resolved: 'solve',
  solved: 'solve',
  done: 'solve',
  comment: 'note',
  internal: 'note',
  private: 'note',
  reopen: 'open',
  hold: 'pending',
  wait: 'pending',
  mine: 'take',
  claim: 'take',
  reassign: 'assign',
  transfer: 'assign',
  escalation: 'escalate',
  supervisor: 'escalate',
  copy: 'cc',
  template: 'macro',
  canned: 'macro',
  snippet: 'macro',
};

/**
 * At most this many single-letter edits separate a typo from its command: two catches a swapped or
 * doubled pair ("#sovle", "#pendign"); more starts to suggest unrelated words for short names.
 */
export const MAX_SUGGESTION_DISTANCE = 2;

/** A command line in the help text: `#name` at its start. */
const HELP_COMMAND = /^#([a-z]+)\b/gm;

/** Every command named in a help text (COMMAND_HELP), in its order, so new commands are suggested with no list to keep. */
export function commandNamesIn(help: string): string[] {
  return [...new Set([...help.matchAll(HELP_COMMAND)].map((m) => m[1] ?? '').filter(Boolean))];
}

/**
 * The known command `typed` most likely meant: a synonym's command, else the nearest name within
 * MAX_SUGGESTION_DISTANCE edits (the first in `known` on a tie), else undefined.
 */
export function suggestCommand(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  const synonym = COMMAND_SYNONYMS[word];
  if (synonym !== undefined && known.includes(synonym)) return synonym;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(word, name);
    if (distance <= MAX_SUGGESTION_DISTANCE && (best === undefined || distance < best.distance))
      best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
