import { HEADER_DATED_START, HEADER_FIRST_LINE, HEADER_LAST_LINE, REPLY_HEADERS, ORIGINAL_MESSAGE, FORWARD_INTRO, headerFieldOf, type HeaderField } from './quote-headers.ts';
import { isDeviceSignature, isSignatureSeparator } from './signatures.ts';

/**
 * What one line of a plain-text mail is: e(mpty), q(uoted with `>`), h (a reply header such as
 * "On <date>, <name> wrote:"), o (an "Original Message" or forward separator), f (a From/Sent/To/
 * Subject block) or t(ext). h, o and f start quoted material.
 */
export type LineKind = 'e' | 'q' | 'h' | 'o' | 'f' | 't';

/** What was removed, in the order it was found. */
export type StripReason = 'quote' | 'reply-header' | 'original-message' | 'header-block' | 'signature' | 'device-signature';

/** Clients wrap a long "On ... wrote:" header over a few lines (name, address and date each may move). */
const MAX_HEADER_LINES = 6;

/**
 * Text after a quote that ends the mail is usually what the quoted message carried unquoted (its
 * footer, a disclaimer); this many lines or more is someone answering below the quote, and is kept.
 */
const INLINE_REPLY_MIN_LINES = 7;

/**
 * Longest line tried as part of a reply header or a separator: RFC 5322's limit for a line (998),
 * well past any a client writes. The header patterns' parts overlap, so on a longer line they
 * backtrack for a time that grows with its square: 200,000 underscores took three minutes.
 */
const MAX_HEADER_LINE_CHARS = 998;
const QUOTE_LINE = /^\s*>|^\s*[A-Za-z]{1,3}>(?=\s|$|>)/u;
const CODE_FENCE = /^\s*(?:```|~~~)/u;
const BLANK = /^\s*$/u;
const SENTENCE_END = /[.!?]\s*$/u;
const LETTER_ENDED_HEADER = /wrote|writes|GMT|写道|寫道|のメッセージ|작성/iu;

/** Classifies every line; a header wrapped over several lines gets `h` on each of them. */
export function classifyLines(lines: readonly string[]): LineKind[] {
  const kinds: LineKind[] = lines.map((line) => (BLANK.test(line) ? 'e' : 't'));
  const fenced = codeFenced(lines);
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j] as string;
    if (kinds[j] === 'e' || fenced[j] || !mayEndHeader(line)) continue;
    const start = replyHeaderStart(lines, kinds, j);
    if (start !== undefined) for (let k = start; k <= j; k++) kinds[k] = 'h';
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (kinds[i] !== 't' || fenced[i]) continue;
    const mark = line.indexOf('>');
    if (mark !== -1 && mark < 8 && QUOTE_LINE.test(line)) kinds[i] = 'q';
    else if (line.length <= MAX_HEADER_LINE_CHARS && ((/--|==|__|\*\*/u.test(line) && ORIGINAL_MESSAGE.test(line)) || FORWARD_INTRO.test(line))) kinds[i] = 'o';
  }
  markHeaderBlocks(lines, kinds);
  // A quoted line re-wrapped by the replying client loses its `>`; it is still quote.
  for (let i = 1; i < kinds.length - 1; i++) {
    if (kinds[i] === 't' && kinds[i - 1] === 'q' && kinds[i + 1] === 'q') kinds[i] = 'q';
  }
  return kinds;
}

/** Cheap tests first: most lines end in neither a colon nor a verb, and need no header pattern. */
function mayEndHeader(line: string): boolean {
  if (line.length > MAX_HEADER_LINE_CHARS) return false;
  const end = line.trimEnd();
  const last = end.at(-1);
  if (last === ':' || last === '：') return true;
  if (last === '-' || last === '>') return HEADER_LAST_LINE.test(end);
  return LETTER_ENDED_HEADER.test(end) && HEADER_LAST_LINE.test(end);
}

function codeFenced(lines: readonly string[]): boolean[] {
  let open = false;
  return lines.map((line) => {
    const fence = CODE_FENCE.test(line);
    const inside = open || fence;
    if (fence) open = !open;
    return inside;
  });
}

/**
 * The first line of a reply header ending at line `end`, if there is one. Starts that name a date
 * or an opener word are tried widest first (a wrapped date belongs to the header); a start that is
 * only a name and address is tried narrowest first, so the reply's last line is not swallowed.
 */
function replyHeaderStart(lines: readonly string[], kinds: readonly LineKind[], end: number): number | undefined {
  // Inside a quote, a line ends a header only as the tail of one that started above the quote.
  if (QUOTE_LINE.test(lines[end] as string) && QUOTE_LINE.test(lines[previousNonBlank(kinds, end)] ?? '>')) return undefined;
  const first = Math.max(0, end - MAX_HEADER_LINES + 1);
  const candidates: number[] = [];
  for (let i = first; i <= end; i++) {
    const line = lines[i] as string;
    if (kinds[i] !== 't' || line.length > MAX_HEADER_LINE_CHARS || QUOTE_LINE.test(line) || !HEADER_FIRST_LINE.test(line)) continue;
    candidates.push(i);
  }
  // A dated line that ends a sentence ("3pm works for me.") is the reply, not a wrapped header.
  const strong = candidates.filter((i) => HEADER_DATED_START.test(lines[i] as string) && (i === end || !SENTENCE_END.test(lines[i] as string)));
  const weak = candidates.filter((i) => !strong.includes(i)).reverse();
  for (const start of [...strong, ...weak]) {
    const joined = lines
      .slice(start, end + 1)
      .map((line, k) => (k === 0 ? line : line.replace(/^\s*>?\s*/u, '')).trim())
      .filter((line) => line !== '')
      .join(' ');
    if (REPLY_HEADERS.some((pattern) => pattern.test(joined))) return start;
  }
  return undefined;
}

function previousNonBlank(kinds: readonly LineKind[], index: number): number {
  let k = index - 1;
  while (k >= 0 && kinds[k] === 'e') k--;
  return k;
}

/** From/Sent/To/Subject lines, with wrapped values, that name at least a sender and a date or subject. */
function markHeaderBlocks(lines: readonly string[], kinds: LineKind[]): void {
  let i = 0;
  while (i < lines.length) {
    if (kinds[i] !== 't' || headerFieldOf(lines[i] as string) === undefined) {
      i++;
      continue;
    }
    const fields = new Set<HeaderField>();
    let end = i;
    let wrapped = 0;
    for (let k = i; k < lines.length && kinds[k] === 't'; k++) {
      const field = headerFieldOf(lines[k] as string);
      if (field !== undefined) {
        fields.add(field);
        end = k;
        wrapped = 0;
      } else if (++wrapped > 1) break;
    }
    const afterSeparator = i > 0 && kinds[i - 1] === 'o';
    if (fields.has('from') && (fields.has('sent') || fields.has('subject') || afterSeparator)) {
      for (let k = i; k <= end; k++) kinds[k] = 'f';
    }
    i = end + 1;
  }
}

const BOUNDARY = new Set<LineKind>(['h', 'o', 'f']);
const REASON: Record<'h' | 'o' | 'f', StripReason> = { h: 'reply-header', o: 'original-message', f: 'header-block' };

/**
 * Which lines are the writer's own: quoted messages and their headers go, inline answers between
 * quotes stay with the quotes they answer. Returns a keep-flag per line and what was removed.
 */
export function selectOwnLines(lines: readonly string[], kinds: readonly LineKind[]): { keep: boolean[]; reasons: StripReason[] } {
  const keep = kinds.map(() => true);
  const reasons = new Set<StripReason>();
  const drop = (from: number, to: number, only?: ReadonlySet<LineKind>): void => {
    for (let k = from; k < to; k++) if (only === undefined || only.has(kinds[k] as LineKind)) keep[k] = false;
  };
  let cursor = 0;
  for (;;) {
    const b = kinds.findIndex((kind, k) => k >= cursor && BOUNDARY.has(kind));
    if (b === -1) break;
    reasons.add(REASON[kinds[b] as 'h' | 'o' | 'f']);
    let afterHeader = b;
    while (afterHeader < kinds.length && (BOUNDARY.has(kinds[afterHeader] as LineKind) || kinds[afterHeader] === 'e')) afterHeader++;
    let quoteEnd = afterHeader;
    while (quoteEnd < kinds.length && kinds[quoteEnd] !== 't') quoteEnd++;
    const quoted = kinds.slice(afterHeader, quoteEnd).includes('q');
    const textBefore = kinds.some((kind, k) => k < b && keep[k] && kind === 't');
    if (!textBefore) {
      // The header opens the mail: what follows its quote is the reply (bottom-posting, forwards).
      drop(0, quoteEnd);
      cursor = quoteEnd;
      continue;
    }
    const rest = kinds.slice(quoteEnd);
    const restText = rest.filter((kind) => kind === 't').length;
    if (quoted && restText > 0 && (rest.includes('q') || restText >= INLINE_REPLY_MIN_LINES)) {
      // Answers between quotes: keep the quotes they answer, drop only the header.
      drop(b, afterHeader, BOUNDARY);
      cursor = quoteEnd;
      continue;
    }
    drop(b, kinds.length);
    break;
  }
  if (dropTrailing(kinds, keep, (k) => kinds[k] === 'q' || kinds[k] === 'e')) reasons.add('quote');
  if (quotesOnlyAConversation(lines, kinds, keep)) {
    keep.fill(false);
    reasons.add('quote');
  }
  return { keep, reasons: [...reasons] };
}

/**
 * A mail with no text of its own that quotes a conversation (a quoted "On ... wrote:") says nothing
 * new. A bare quote with no header is kept: it may be all the writer meant to send.
 */
function quotesOnlyAConversation(lines: readonly string[], kinds: readonly LineKind[], keep: readonly boolean[]): boolean {
  if (kinds.some((kind, k) => keep[k] && kind === 't')) return false;
  return kinds.some((kind, k) => {
    if (!keep[k] || kind !== 'q') return false;
    const unquoted = (lines[k] as string).replace(/^[\s>]+/u, '');
    return mayEndHeader(unquoted) && REPLY_HEADERS.some((pattern) => pattern.test(unquoted));
  });
}

/** Drops the kept lines at the end that `matches`, if some kept text stays above them. */
export function dropTrailing(kinds: readonly LineKind[], keep: boolean[], matches: (k: number) => boolean): boolean {
  let last = keep.lastIndexOf(true);
  const tail: number[] = [];
  while (last >= 0 && matches(last)) {
    tail.push(last);
    do last--;
    while (last >= 0 && !keep[last]);
  }
  const textAbove = kinds.some((kind, k) => k <= last && keep[k] && kind === 't');
  if (!textAbove || !tail.some((k) => kinds[k] !== 'e')) return false;
  for (const k of tail) keep[k] = false;
  return true;
}

/** Removes the writer's signature: from a separator down, and device lines ("Sent from my iPhone") at the end. */
export function dropSignature(lines: readonly string[], kinds: readonly LineKind[], keep: boolean[]): StripReason[] {
  const reasons: StripReason[] = [];
  const fenced = codeFenced(lines);
  let textSeen = false;
  for (let k = 0; k < lines.length; k++) {
    if (!keep[k] || kinds[k] !== 't' || fenced[k]) continue;
    const line = lines[k] as string;
    const separator = isSignatureSeparator(line);
    if (separator && textSeen) {
      for (let m = k; m < lines.length; m++) keep[m] = false;
      reasons.push('signature');
      break;
    }
    if (!separator) textSeen = true;
  }
  const device = (k: number): boolean => kinds[k] === 'e' || (kinds[k] === 't' && isDeviceSignature(lines[k] as string));
  if (dropTrailing(kinds, keep, device)) reasons.push('device-signature');
  if (dropTrailing(kinds, keep, (k) => kinds[k] === 'q' || kinds[k] === 'e')) reasons.push('quote');
  return reasons;
}
