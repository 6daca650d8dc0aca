import { wordsOf, type MarkedWord, type Part } from './marked-text.ts';

/**
 * Words compared when matching a text part against its HTML, after the equal start and end are
 * skipped (usually nearly all of it). The table is 2 bytes a cell: 4 million cells is 8 MB and
 * about 20 ms; a mail that differs more than that between its parts is read from the HTML alone.
 */
const MAX_ALIGNMENT_CELLS = 4_000_000;

/**
 * Below this share of the writer's HTML words found in the text part, the two parts say different
 * things (a "view this mail in HTML" text part, a client that wrote the text part on its own) and
 * the text part's lines cannot be told apart by the HTML.
 */
const MIN_OWN_WORDS_FOUND = 0.6;

const QUOTE_MARK = /^\s*>/u;

/**
 * Which part each line of a text body is (the writer's, quoted, signature), read from the same
 * mail's HTML, whose structure says what is quoted. Every line's words are matched, in order, to
 * the HTML's words (longest common subsequence); a line takes the part most of its matched words
 * have. A line with no word found in the HTML (a link's address, an image's name) goes with the
 * line above; a line with no words at all (a blank, a `-- ` or `____` rule) with the line below,
 * which it introduces. Undefined when the parts differ too much to tell.
 */
export function partsOfLines(lines: readonly string[], html: readonly MarkedWord[]): Part[] | undefined {
  const ids = new Map<string, number>();
  const idOf = (word: string): number => ids.get(word) ?? (ids.set(word, ids.size), ids.size - 1);
  const lineOf: number[] = [];
  const textWords: number[] = [];
  lines.forEach((line, k) => {
    for (const word of wordsOf(line)) {
      textWords.push(idOf(word));
      lineOf.push(k);
    }
  });
  const htmlWords = html.map((marked) => idOf(marked.word));
  const matchOf = align(textWords, htmlWords);
  if (matchOf === undefined) return undefined;

  const counts = lines.map(() => ({ own: 0, quote: 0, signature: 0 }));
  let ownFound = 0;
  matchOf.forEach((j, i) => {
    const part = html[j]?.part;
    const count = counts[lineOf[i] as number];
    if (part === undefined || count === undefined) return;
    count[part]++;
    if (part === 'own') ownFound++;
  });
  const ownTotal = html.filter((marked) => marked.part === 'own').length;
  if (ownTotal > 0 && ownFound / ownTotal < MIN_OWN_WORDS_FOUND) return undefined;

  const known: (Part | 'unmatched' | 'wordless')[] = lines.map((line, k) => {
    const count = counts[k] as { own: number; quote: number; signature: number };
    if (QUOTE_MARK.test(line)) return 'quote';
    if (wordsOf(line).length === 0) return 'wordless';
    if (count.own + count.quote + count.signature === 0) return 'unmatched';
    if (count.own >= count.quote && count.own >= count.signature) return 'own';
    return count.quote >= count.signature ? 'quote' : 'signature';
  });
  return fillFromNeighbours(known);
}

/**
 * Unmatched lines take the part of the nearest matched line, above when both are as near (a link's
 * address under its text, "----- Mail original -----" over the quoted header); wordless lines take
 * the part below them, which they introduce.
 */
function fillFromNeighbours(known: readonly (Part | 'unmatched' | 'wordless')[]): Part[] {
  const matched: (Part | undefined)[] = known.map((part) => (part === 'unmatched' || part === 'wordless' ? undefined : part));
  const nearest = (k: number, step: 1 | -1): { part: Part; distance: number } | undefined => {
    for (let m = k + step; m >= 0 && m < known.length; m += step) {
      const part = matched[m];
      if (part !== undefined) return { part, distance: Math.abs(m - k) };
    }
    return undefined;
  };
  const parts = known.map((part, k) => {
    const own = matched[k];
    if (own !== undefined) return own;
    const above = nearest(k, -1);
    const below = nearest(k, 1);
    if (part === 'wordless') return (below ?? above)?.part;
    if (above === undefined || below === undefined) return (above ?? below)?.part;
    return below.distance < above.distance ? below.part : above.part;
  });
  return parts.map((part) => part ?? 'own');
}

/**
 * For each word of `a`, the index of the word of `b` it is matched to, or -1: a longest common
 * subsequence, after the equal start and end are matched directly.
 */
function align(a: readonly number[], b: readonly number[]): Int32Array | undefined {
  const matchOf = new Int32Array(a.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    matchOf[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    matchOf[endA] = endB;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return matchOf;
  if (n * m > MAX_ALIGNMENT_CELLS) return undefined;
  const width = m + 1;
  // table[i * width + j]: the longest common subsequence of a[start + i ..] and b[start + j ..].
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const cell = i * width + j;
      table[cell] = a[start + i] === b[start + j] ? (table[cell + width + 1] as number) + 1 : Math.max(table[cell + width] as number, table[cell + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      matchOf[start + i] = start + j;
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
    else j++;
  }
  return matchOf;
}
