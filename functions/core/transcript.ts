import type { CaseMessage, MessageKind } from './support-case.ts';
import { shortLocalTime } from './local-time.ts';
import type { TemplateRecord } from './outbound-draft.ts';

/**
 * A case's public conversation as the customer may read it: their messages and our people's
 * answers, in order. Internal notes, notifications, alerts, bounces and automatic confirmations
 * are never part of it.
 */
export interface TranscriptEntry {
  readonly at: string;
  readonly who: string;
  readonly fromUs: boolean;
  readonly words: string;
  /** "invoice.pdf (120 KB), photo.jpg (2.1 MB)", or empty. */
  readonly attachments: string;
}

/** Most messages a transcript shows (the latest ones); a longer case says how many it left out. */
export const MAX_TRANSCRIPT_MESSAGES = 100;
/** Longest words kept per message in a transcript and on a message item (items stop at 400 KB). */
export const MAX_TRANSCRIPT_WORDS = 4000;

const PUBLIC_KINDS: Readonly<Record<CaseMessage['direction'], readonly MessageKind[]>> = {
  inbound: ['customer'],
  outbound: ['agent-reply', 'closing'],
};

function isPublicMessage(message: Pick<CaseMessage, 'direction' | 'kind'>): boolean {
  return PUBLIC_KINDS[message.direction].includes(message.kind);
}

/** The transcript of `messages` (any order, any kinds), oldest first, plus how many were left out. */
export function buildTranscript(messages: readonly CaseMessage[]): { entries: TranscriptEntry[]; omitted: number } {
  // Outbound messages file the person's words; older inbound ones only have the start of their text.
  const wordsOf = (m: CaseMessage) => (m.words ?? (m.direction === 'inbound' ? m.textSummary : '')).trim();
  const shown = messages
    .filter((m) => isPublicMessage(m) && (wordsOf(m) !== '' || m.attachments.length > 0))
    .sort((a, b) => a.messageKey.localeCompare(b.messageKey));
  const kept = shown.slice(-MAX_TRANSCRIPT_MESSAGES);
  return {
    omitted: shown.length - kept.length,
    entries: kept.map((m) => ({
      at: m.date,
      who:
        m.direction === 'outbound'
          ? (m.from?.name ?? 'Support')
          : m.from?.name
            ? `${m.from.name} <${m.from.address}>`
            : (m.from?.address ?? 'unknown sender'),
      fromUs: m.direction === 'outbound',
      words: boundedWords(wordsOf(m)),
      attachments: m.attachments.map((a) => `${a.filename} (${formatSize(a.size)})`).join(', '),
    })),
  };
}

/** What ends words that were cut, so a reader (and `support cases show`) knows there is more. */
export const SHORTENED_MARK = '[… shortened]';

/** Words cut to MAX_TRANSCRIPT_WORDS, saying so when they were. */
export function boundedWords(words: string): string {
  const trimmed = words.trim();
  return trimmed.length <= MAX_TRANSCRIPT_WORDS
    ? trimmed
    : `${trimmed.slice(0, MAX_TRANSCRIPT_WORDS)}\n${SHORTENED_MARK}`;
}

/**
 * Template data for a transcript, each time to the minute: on the queue's business clock, named,
 * for the team's own mails (`timeZone` given, as every time an agent reads is); in UTC, said so,
 * for the customer's.
 */
export function transcriptData(
  transcript: { entries: readonly TranscriptEntry[]; omitted: number },
  timeZone?: string,
): {
  transcript: TemplateRecord[];
  transcriptOmitted: number;
} {
  return {
    transcript: transcript.entries.map((e) => ({
      at:
        timeZone === undefined
          ? `${e.at.slice(0, 16).replace('T', ' ')} UTC`
          : shortLocalTime(new Date(e.at), timeZone),
      who: e.who,
      fromUs: e.fromUs,
      words: e.words,
      attachments: e.attachments,
    })),
    transcriptOmitted: transcript.omitted,
  };
}

/** "120 KB", "2.1 MB": an attachment's size as a person reads it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
