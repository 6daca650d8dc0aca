import { shortLocalTime } from './local-time.ts';
import type { TemplateRecord } from './outbound-draft.ts';
import type { HistoryEntry } from './support-case.ts';

/**
 * A case's recent history as agents read it in a mail (notifications, handovers, escalations, bug
 * reports): an internal note says so in its own line, "Internal note from Maria Lopez (A-101)", so
 * nobody takes it for something the customer was told. Customers never get these lines (their
 * transcript is built from the public messages only, see transcript.ts). Times are on the queue's
 * business clock, named ("Mon 7 Dec, 14:05 CET"), as every time an agent reads is.
 */
export function historyLines(recent: readonly HistoryEntry[], timeZone: string): TemplateRecord[] {
  return recent.map((h) => ({
    at: shortLocalTime(new Date(h.at), timeZone),
    who: h.kind === 'note' ? internalNoteFrom(h.who) : h.who,
    kind: h.kind,
    internal: h.kind === 'note',
    snippet: h.snippet,
  }));
}

/** "Internal note from Maria Lopez (A-101)": how a note's author reads in any agent-facing history. */
export function internalNoteFrom(who: string): string {
  return `Internal note from ${who}`;
}
