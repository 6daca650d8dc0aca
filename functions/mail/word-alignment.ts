/**
 * Matching the words of a mail's text part to the words of its HTML part, in order: a longest
 * common subsequence. The two parts say the same with small differences (link addresses, image
 * names, `>` marks), so most of the work is skipping the equal start and end.
 */

/**
 * The largest stretch compared cell by cell. The table takes 2 bytes a cell: 4 million cells is
 * 8 MB and about 20 ms. Longer stretches (long threads that differ early and late) are first cut
 * at words that occur once in each part (patience diff), and each piece is compared on its own.
 */
const MAX_ALIGNMENT_CELLS = 4_000_000;

/** For each word of `a`, the index of the word of `b` it is matched to, or -1. Words are numbers (interned). */
export function alignWords(a: readonly number[], b: readonly number[]): Int32Array {
  const matchOf = new Int32Array(a.length).fill(-1);
  alignRange(a, b, { a: 0, aEnd: a.length, b: 0, bEnd: b.length }, matchOf);
  return matchOf;
}

interface Range {
  a: number;
  aEnd: number;
  b: number;
  bEnd: number;
}

function alignRange(a: readonly number[], b: readonly number[], range: Range, matchOf: Int32Array): void {
  let { a: start, b: bStart, aEnd, bEnd } = range;
  while (start < aEnd && bStart < bEnd && a[start] === b[bStart]) matchOf[start++] = bStart++;
  while (aEnd > start && bEnd > bStart && a[aEnd - 1] === b[bEnd - 1]) matchOf[--aEnd] = --bEnd;
  const n = aEnd - start;
  const m = bEnd - bStart;
  if (n === 0 || m === 0) return;
  if (n * m <= MAX_ALIGNMENT_CELLS) {
    alignByTable(a, b, { a: start, aEnd, b: bStart, bEnd }, matchOf);
    return;
  }
  const anchors = uniqueAnchors(a, b, { a: start, aEnd, b: bStart, bEnd });
  // No word occurs once in each: the stretch stays unmatched, and its lines go with their neighbours.
  let previous = { a: start - 1, b: bStart - 1 };
  for (const anchor of [...anchors, { a: aEnd, b: bEnd }]) {
    alignRange(a, b, { a: previous.a + 1, aEnd: anchor.a, b: previous.b + 1, bEnd: anchor.b }, matchOf);
    if (anchor.a < aEnd) matchOf[anchor.a] = anchor.b;
    previous = anchor;
  }
}

/** Words that occur exactly once in each stretch, paired, keeping the longest run in the same order. */
function uniqueAnchors(a: readonly number[], b: readonly number[], range: Range): { a: number; b: number }[] {
  const seen = new Map<number, { inA: number; inB: number; a: number; b: number }>();
  for (let i = range.a; i < range.aEnd; i++) {
    const entry = seen.get(a[i] as number) ?? { inA: 0, inB: 0, a: i, b: -1 };
    entry.inA++;
    seen.set(a[i] as number, entry);
  }
  for (let j = range.b; j < range.bEnd; j++) {
    const entry = seen.get(b[j] as number);
    if (entry === undefined) continue;
    entry.inB++;
    entry.b = j;
  }
  const pairs = [...seen.values()].filter((e) => e.inA === 1 && e.inB === 1).sort((x, y) => x.a - y.a);
  return longestIncreasingByB(pairs);
}

/** Patience sorting: the longest chain of pairs whose `b` rises with `a`. */
function longestIncreasingByB<T extends { a: number; b: number }>(pairs: readonly T[]): T[] {
  const tails: number[] = [];
  const back = new Int32Array(pairs.length).fill(-1);
  pairs.forEach((pair, k) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((pairs[tails[mid] as number] as T).b < pair.b) low = mid + 1;
      else high = mid;
    }
    if (low > 0) back[k] = tails[low - 1] as number;
    tails[low] = k;
  });
  const chain: T[] = [];
  for (let k = tails.at(-1) ?? -1; k !== -1; k = back[k] as number) chain.unshift(pairs[k] as T);
  return chain;
}

/** The classic table: cell (i, j) holds the longest common subsequence of a[i..] and b[j..]. */
function alignByTable(a: readonly number[], b: readonly number[], range: Range, matchOf: Int32Array): void {
  const n = range.aEnd - range.a;
  const m = range.bEnd - range.b;
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const cell = i * width + j;
      table[cell] =
        a[range.a + i] === b[range.b + j]
          ? (table[cell + width + 1] as number) + 1
          : Math.max(table[cell + width] as number, table[cell + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[range.a + i] === b[range.b + j]) {
      matchOf[range.a + i] = range.b + j;
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
    else j++;
  }
}
