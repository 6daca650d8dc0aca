import type { HistoryEntry, MessageKind, SupportCase } from './support-case.ts';
import { visibleLine } from './visible-text.ts';

/** Lines of history a case keeps for notifications; the full conversation is its messages. */
export const MAX_RECENT_HISTORY = 6;
const SNIPPET_CHARS = 160;

export function historyEntry(at: string, kind: MessageKind, who: string, text: string): HistoryEntry {
  const folded = visibleLine(text);
  return { at, kind, who, snippet: folded.length > SNIPPET_CHARS ? `${folded.slice(0, SNIPPET_CHARS - 1)}…` : folded };
}

export function withHistory(recent: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [...recent, entry].slice(-MAX_RECENT_HISTORY);
}

/** Who someone is in a history line: "Ana Souza <ana@customer.test>" or just the address. */
export function describePerson(person: { address: string; name?: string } | undefined): string {
  if (person === undefined) return 'unknown sender';
  const name = person.name === undefined ? '' : visibleLine(person.name);
  return name ? `${name} <${person.address}>` : person.address;
}

export function nextVersion(supportCase: SupportCase): number {
  return supportCase.version + 1;
}
