import type { LineKind } from './line-kind.ts';
import { REPLY_HEADERS } from './quote-headers.ts';
import { isDeviceSignature, isSignatureSeparator } from './signatures.ts';
import { codeFenced, mayEndHeader } from './classify-lines.ts';

/** What was removed, in the order it was found. */
export type StripReason =
  | 'quote'
  | 'reply-header'
  | 'original-message'
  | 'header-block'
  | 'signature'
  | 'device-signature';

/**
 * Text after a quote that ends the mail is usually what the quoted message carried unquoted (its
 * footer, a disclaimer); this many lines or more is someone answering below the quote, and is kept.
 */
const INLINE_REPLY_MIN_LINES = 7;

const BOUNDARY = new Set<LineKind>(['h', 'o', 'f']);
const REASON: Record<'h' | 'o' | 'f', StripReason> = { h: 'reply-header', o: 'original-message', f: 'header-block' };

/**
 * Which lines are the writer's own: quoted messages and their headers go, inline answers between
 * quotes stay with the quotes they answer. Returns a keep-flag per line and what was removed.
 */
export function selectOwnLines(
  lines: readonly string[],
  kinds: readonly LineKind[],
): { keep: boolean[]; reasons: StripReason[] } {
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
    while (afterHeader < kinds.length && (BOUNDARY.has(kinds[afterHeader] as LineKind) || kinds[afterHeader] === 'e'))
      afterHeader++;
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
function quotesOnlyAConversation(
  lines: readonly string[],
  kinds: readonly LineKind[],
  keep: readonly boolean[],
): boolean {
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
  const device = (k: number): boolean =>
    kinds[k] === 'e' || (kinds[k] === 't' && isDeviceSignature(lines[k] as string));
  if (dropTrailing(kinds, keep, device)) reasons.push('device-signature');
  if (dropTrailing(kinds, keep, (k) => kinds[k] === 'q' || kinds[k] === 'e')) reasons.push('quote');
  return reasons;
}
