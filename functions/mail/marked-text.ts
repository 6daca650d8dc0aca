import { ANY_MARK, MARK } from './html-quote-marks.ts';

/** Whose words these are: the writer's, a quoted message's, or the writer's signature. */
export type Part = 'own' | 'quote' | 'signature';

export interface MarkedWord {
  readonly word: string;
  readonly part: Part;
}

/** An HTML body, converted to text with its marks (`markQuoteStructure`), read back. */
export interface MarkedText {
  /** The writer's text: quotes and signatures taken out. */
  readonly own: string;
  /** The writer's text with the signature kept. */
  readonly withSignature: string;
  /** The whole text, marks taken out: what the reply was taken from. */
  readonly plain: string;
  /** Every word in order, with its part: what a text part's lines are matched against. */
  readonly words: readonly MarkedWord[];
}

/**
 * Letters (with their combining marks: Devanagari vowel signs) and digits make a word; Chinese and
 * Japanese, written without spaces, are matched a character at a time.
 */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+/gu;

/** The words of a text as compared across a mail's text and HTML parts: case, punctuation and spacing differ. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/**
 * Runs of blank lines left where quotes were taken out read as one blank line. A line holding only
 * spaces counts as blank, no-break spaces too: Word writes each empty paragraph as `&nbsp;`.
 */
export function collapseBlankLines(text: string): string {
  return text.replace(/\n[^\S\n]*(?:\n[^\S\n]*){2,}/gu, '\n\n');
}

/** Splits converted HTML at its marks. Nested marks count: a signature inside a quote is quote. */
export function readMarkedText(rendered: string): MarkedText {
  let quoteDepth = 0;
  let signatureDepth = 0;
  let cut = false;
  const plain: string[] = [];
  const own: string[] = [];
  const withSignature: string[] = [];
  const words: MarkedWord[] = [];
  // The odd pieces are the marks themselves; a mark also splits words ("wrote:" glued to the next word).
  rendered.split(ANY_MARK).forEach((piece, k) => {
    if (k % 2 === 1) {
      if (piece === MARK.quoteOpen) quoteDepth++;
      else if (piece === MARK.quoteClose) quoteDepth = Math.max(0, quoteDepth - 1);
      else if (piece === MARK.signatureOpen) signatureDepth++;
      else if (piece === MARK.signatureClose) signatureDepth = Math.max(0, signatureDepth - 1);
      else cut = true;
      return;
    }
    plain.push(piece);
    const part: Part = cut || quoteDepth > 0 ? 'quote' : signatureDepth > 0 ? 'signature' : 'own';
    if (part === 'own') own.push(piece);
    if (part !== 'quote') withSignature.push(piece);
    for (const word of wordsOf(piece)) words.push({ word, part });
  });
  return {
    plain: collapseBlankLines(plain.join('')),
    own: collapseBlankLines(own.join('')),
    withSignature: collapseBlankLines(withSignature.join('')),
    words,
  };
}
