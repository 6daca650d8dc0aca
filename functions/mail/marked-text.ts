import { MARK } from './html-quote-marks.ts';

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
  /** Every word in order, with its part: what a text part's lines are matched against. */
  readonly words: readonly MarkedWord[];
}

/** Letters and digits make a word; Chinese and Japanese are matched a character at a time (no spaces). */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu;

/** The words of a text as compared across a mail's text and HTML parts: case, punctuation and spacing differ. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** Runs of blank lines left where quotes were taken out read as one blank line. */
export function collapseBlankLines(text: string): string {
  return text.replace(/\n[ \t]*(?:\n[ \t]*){2,}/gu, '\n\n');
}

/** Splits converted HTML at its marks. Nested marks count: a signature inside a quote is quote. */
export function readMarkedText(rendered: string): MarkedText {
  let quoteDepth = 0;
  let signatureDepth = 0;
  let cut = false;
  let own = '';
  let withSignature = '';
  const words: MarkedWord[] = [];
  let run = '';
  let runPart: Part = 'own';
  const flush = (): void => {
    for (const word of wordsOf(run)) words.push({ word, part: runPart });
    run = '';
  };
  for (const char of rendered) {
    if (char === MARK.quoteOpen) quoteDepth++;
    else if (char === MARK.quoteClose) quoteDepth = Math.max(0, quoteDepth - 1);
    else if (char === MARK.signatureOpen) signatureDepth++;
    else if (char === MARK.signatureClose) signatureDepth = Math.max(0, signatureDepth - 1);
    else if (char === MARK.cut) cut = true;
    else {
      const part: Part = cut || quoteDepth > 0 ? 'quote' : signatureDepth > 0 ? 'signature' : 'own';
      if (part !== runPart) {
        flush();
        runPart = part;
      }
      run += char;
      if (part === 'own') own += char;
      if (part !== 'quote') withSignature += char;
      continue;
    }
    // A mark splits words: `On ... wrote:` glued to the word before it is still its own word.
    flush();
  }
  flush();
  return { own: collapseBlankLines(own), withSignature: collapseBlankLines(withSignature), words };
}
