import { MAX_HEADER_LINE_CHARS, type LineKind } from './line-kind.ts';
import {
  GROUPWISE_HEADER,
  HEADER_DATED_START,
  HEADER_FIRST_LINE,
  HEADER_OPENER_START,
  HEADER_LAST_LINE,
  REPLY_HEADERS,
  ORIGINAL_MESSAGE,
  FORWARD_INTRO,
  headerFieldOf,
  type HeaderField,
} from './quote-headers.ts';
import { markQuoteIntros, markTitledHeaders, SENTENCE_END, SEPARATOR_HINT } from './quote-shapes.ts';

/*
 * Which kind of line each line of a reply is (its own text, a quote, a reply header, a signature
 * ...), for selecting the writer's own lines (reply-lines.ts).
 */

/** Clients wrap a long "On ... wrote:" header over a few lines (name, address and date each may move). */
const MAX_HEADER_LINES = 6;

const QUOTE_LINE = /^\s*>|^\s*[A-Za-z]{1,3}>(?=\s|$|>)/u;
const CODE_FENCE = /^\s*(?:```|~~~)/u;
const BLANK = /^\s*$/u;
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
    if (mark !== -1 && mark < 8 && GROUPWISE_HEADER.test(line)) kinds[i] = 'h';
    else if (mark !== -1 && mark < 8 && QUOTE_LINE.test(line)) kinds[i] = 'q';
    else if (
      line.length <= MAX_HEADER_LINE_CHARS &&
      ((SEPARATOR_HINT.test(line) && ORIGINAL_MESSAGE.test(line)) || FORWARD_INTRO.test(line))
    )
      kinds[i] = 'o';
  }
  markQuoteIntros(lines, kinds);
  markTitledHeaders(lines, kinds);
  markHeaderBlocks(lines, kinds);
  // A quoted line re-wrapped by the replying client loses its `>`; it is still quote.
  for (let i = 1; i < kinds.length - 1; i++) {
    if (kinds[i] === 't' && kinds[i - 1] === 'q' && kinds[i + 1] === 'q') kinds[i] = 'q';
  }
  return kinds;
}

/** Cheap tests first: most lines end in neither a colon nor a verb, and need no header pattern. */
export function mayEndHeader(line: string): boolean {
  if (line.length > MAX_HEADER_LINE_CHARS) return false;
  const end = line.trimEnd();
  const last = end.at(-1);
  if (last === ':' || last === '：') return true;
  if (last === '-' || last === '>') return HEADER_LAST_LINE.test(end);
  return LETTER_ENDED_HEADER.test(end) && HEADER_LAST_LINE.test(end);
}

export function codeFenced(lines: readonly string[]): boolean[] {
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
  if (QUOTE_LINE.test(lines[end] as string) && QUOTE_LINE.test(lines[previousNonBlank(kinds, end)] ?? '>'))
    return undefined;
  const first = Math.max(0, end - MAX_HEADER_LINES + 1);
  // Only a header opened by its word ("On ...") runs on past a blank line: a dated line above a
  // blank (a phone number under the writer's name) is the writer's, not the header's start.
  let lastBlank = end;
  while (lastBlank >= first && kinds[lastBlank] !== 'e') lastBlank--;
  const candidates: number[] = [];
  for (let i = first; i <= end; i++) {
    const line = lines[i] as string;
    if (
      kinds[i] !== 't' ||
      line.length > MAX_HEADER_LINE_CHARS ||
      QUOTE_LINE.test(line) ||
      !HEADER_FIRST_LINE.test(line)
    )
      continue;
    if (i < lastBlank && !HEADER_OPENER_START.test(line)) continue;
    candidates.push(i);
  }
  // A dated line that ends a sentence ("3pm works for me.") is the reply, not a wrapped header.
  const strong = candidates.filter(
    (i) => HEADER_DATED_START.test(lines[i] as string) && (i === end || !SENTENCE_END.test(lines[i] as string)),
  );
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
