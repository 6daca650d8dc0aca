import { MAX_HEADER_LINE_CHARS, type LineKind } from './line-kind.ts';
import { DASHED_TITLE, headerFieldOf, QUOTE_INTRO } from './quote-headers.ts';

/**
 * Quoted messages known by their shape rather than their words: the lines that introduce a `>`
 * quote in a language we have no words for, and a dashed title above a quoted header. They run
 * once the word patterns have marked what they know (`classifyLines`).
 */

/** A quote's intro in words we do not know is wrapped over a few lines at most (Gmail wraps at 78). */
const MAX_INTRO_LINES = 3;

/** A line the client broke to wrap is nearly as long as the wrap width; a short one is the writer's own. */
const MIN_WRAPPED_LINE = 40;

/** A line that starts with the sender's address the client wrapped onto it: `<x@example.com> wrote:`. */
const WRAPPED_ADDRESS_START = /^[<([]\s?[^\s<>()[\]@]+@|^[^\s<>()[\]@]+@/u;

/** A line that ends a sentence is the writer's, not part of a wrapped header. */
export const SENTENCE_END = /[.!?]\s*$/u;

/** Separator lines have a run of dashes or the like; most lines fail this before any pattern runs. */
export const SEPARATOR_HINT = /--|==|__|\*\*|[‐‑‒–—]{2}/u;

/**
 * The lines right above a `>` quote that introduce it, in any words: one line naming an address and
 * ending in a colon, or such a line wrapped by the client over up to `MAX_INTRO_LINES`. A wrapped
 * intro starts with a date (a digit) and each of its lines but the last ran to the wrap width.
 */
export function markQuoteIntros(lines: readonly string[], kinds: LineKind[]): void {
  for (let q = 0; q < lines.length; q++) {
    if (kinds[q] !== 'q' || (q > 0 && kinds[q - 1] === 'q')) continue;
    let end = q - 1;
    while (end >= 0 && kinds[end] === 'e') end--;
    // A header the word patterns found may be the tail of a wrapped intro whose start they missed.
    if (end < 0 || (kinds[end] !== 't' && kinds[end] !== 'h')) continue;
    for (let start = Math.max(0, end - MAX_INTRO_LINES + 1); start <= end; start++) {
      if (isQuoteIntro(lines, kinds, start, end)) {
        for (let k = start; k <= end; k++) kinds[k] = 'h';
        break;
      }
    }
  }
}

function isQuoteIntro(lines: readonly string[], kinds: readonly LineKind[], start: number, end: number): boolean {
  const block = lines.slice(start, end + 1).map((line) => line.trim());
  if (block.some((line) => line.length > MAX_HEADER_LINE_CHARS)) return false;
  if (
    kinds[start] !== 't' ||
    kinds.slice(start, end + 1).some((kind) => kind !== 't' && kind !== 'h') ||
    !QUOTE_INTRO.test(block.join(' '))
  )
    return false;
  if (start === end) return true;
  // Lines the word patterns already took as a header are joined only when they begin mid-header, at
  // the address the client wrapped ("<x@example.com> wrote:"): a whole header needs no line above.
  const firstHeader = kinds.slice(start, end + 1).indexOf('h');
  if (firstHeader !== -1 && !WRAPPED_ADDRESS_START.test(block[firstHeader] ?? '')) return false;
  const wrapped = block.slice(0, -1);
  return (
    /\p{Nd}/u.test(block[0] ?? '') &&
    wrapped.every((line) => line.length >= MIN_WRAPPED_LINE && !SENTENCE_END.test(line))
  );
}

/**
 * A dashed title in a language we have no words for starts the quoted message when what follows it
 * is a quoted header: a reply header, or a From line.
 */
export function markTitledHeaders(lines: readonly string[], kinds: LineKind[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (
      kinds[i] !== 't' ||
      line.length > MAX_HEADER_LINE_CHARS ||
      !SEPARATOR_HINT.test(line) ||
      !DASHED_TITLE.test(line)
    )
      continue;
    let next = i + 1;
    while (next < lines.length && kinds[next] === 'e') next++;
    if (
      kinds[next] === 'h' ||
      (kinds[next] === 't' &&
        (lines[next] as string).length <= MAX_HEADER_LINE_CHARS &&
        headerFieldOf(lines[next] as string) === 'from')
    )
      kinds[i] = 'o';
  }
}
