import { wordsOf, type MarkedWord, type Part } from './marked-text.ts';
import { alignWords } from './word-alignment.ts';

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
 * have; a `>` line is quoted whatever its words. A line with no word found in the HTML (a link's
 * address, an image's name) goes with the nearest matched line; a line with no words at all (a
 * blank, a `-- ` or `____` rule) with the line below, which it introduces. Undefined when the
 * parts differ too much to tell.
 */
export function partsOfLines(lines: readonly string[], html: readonly MarkedWord[]): Part[] | undefined {
  const ids = new Map<string, number>();
  const idOf = (word: string): number => {
    const known = ids.get(word);
    if (known !== undefined) return known;
    ids.set(word, ids.size);
    return ids.size - 1;
  };
  const lineOf: number[] = [];
  const textWords: number[] = [];
  lines.forEach((line, k) => {
    for (const word of wordsOf(line)) {
      textWords.push(idOf(word));
      lineOf.push(k);
    }
  });
  const htmlWords = html.map((marked) => idOf(marked.word));
  const matchOf = alignWords(textWords, htmlWords);

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
 * address under its text, "----- Mail original -----" over the quoted header); then wordless lines
 * take the part of the worded line below them, which they introduce.
 */
function fillFromNeighbours(known: readonly (Part | 'unmatched' | 'wordless')[]): Part[] {
  const matched: (Part | undefined)[] = known.map((part) =>
    part === 'unmatched' || part === 'wordless' ? undefined : part,
  );
  const nearest = (k: number, step: 1 | -1): { part: Part; distance: number } | undefined => {
    for (let m = k + step; m >= 0 && m < known.length; m += step) {
      const part = matched[m];
      if (part !== undefined) return { part, distance: Math.abs(m - k) };
    }
    return undefined;
  };
  const worded = known.map((part, k) => {
    if (part !== 'unmatched') return matched[k];
    const above = nearest(k, -1);
    const below = nearest(k, 1);
    if (above === undefined || below === undefined) return (above ?? below)?.part;
    return below.distance < above.distance ? below.part : above.part;
  });
  // Wordless lines go with the worded line below them (matched or not), or above at the end.
  let below: Part | undefined;
  const parts = [...worded];
  for (let k = known.length - 1; k >= 0; k--) {
    if (known[k] === 'wordless') parts[k] = below;
    else below = worded[k] ?? below;
  }
  let above: Part = parts.find((part) => part !== undefined) ?? 'own';
  return parts.map((part) => (above = part ?? above));
}
