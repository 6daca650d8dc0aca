import { compile, type HtmlToTextOptions } from 'html-to-text';
import { isTextMadeFromHtml } from './derived-text.ts';
import { markQuoteStructure } from './html-quote-marks.ts';
import { wordsOfMarkup } from './long-html.ts';
import { partsOfLines } from './line-parts.ts';
import { collapseBlankLines, readMarkedText, type MarkedText, type Part } from './marked-text.ts';
import { classifyLines } from './classify-lines.ts';
import { dropSignature, dropTrailing, selectOwnLines, type StripReason } from './reply-lines.ts';
import { isSignatureSeparator } from './signatures.ts';

export type { StripReason } from './reply-lines.ts';

/** The bodies mailparser gives (`ParsedInboundMail.text` and `.html`); see `readReplyBodies` for a raw message. */
export interface ReplyInput {
  readonly text?: string;
  readonly html?: string;
  /**
   * Whether the parser made `text` from `html` (`ParsedInboundMail.textFromHtml`), when the parse
   * could tell; absent, the HTML is converted again to compare (`isTextMadeFromHtml`).
   */
  readonly textFromHtml?: boolean;
}

export interface ReplyText {
  /** The writer's new words: quoted messages, their headers and the writer's signature removed; '' if none. */
  readonly reply: string;
  /** The same words with the writer's signature ("-- ", "Sent from my iPhone", a gmail_signature) kept. */
  readonly replyWithSignature: string;
  /** The whole text the reply was taken from: the text part, or the HTML part as text. */
  readonly full: string;
  /** Which body that was; 'text' also when the HTML's structure chose the text part's lines. */
  readonly source: 'text' | 'html' | 'none';
  /** What was removed, in the order found; empty when the reply is the whole text. */
  readonly strippedBy: readonly StripReason[];
}

/**
 * HTML as plain text the stripper reads: `<blockquote>` becomes `> ` lines (so inline answers keep
 * their place between quotes), no wrapping (it would split "On ... wrote:" headers), no images.
 */
const REPLY_TEXT_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
    { selector: 'th', format: 'block' },
  ],
};

/** Compiled when first needed: building the selectors costs a cold start about 20 ms, and most mail has a text part. */
let convertHtml: ((html: string) => string) | undefined;

/** Same limit as parseMessage: html-to-text is quadratic on some inputs, so larger HTML is not read for structure. */
const MAX_STRUCTURE_HTML_CHARS = 2 * 1024 * 1024;

/** The HTML part as the plain text `extractReplyText` strips; `<div><br></div>` runs make one blank line. */
export function htmlToReplyText(html: string): string {
  convertHtml ??= compile(REPLY_TEXT_OPTIONS);
  return collapseBlankLines(convertHtml(html));
}

/**
 * Extracts the new words of a reply from a parsed mail. When the HTML part marks its quotes by
 * structure (a Gmail quote, Outlook's reply separator, a cited blockquote; see `markQuoteStructure`),
 * that structure decides: it says what is quoted in any language, where an Outlook text part has no
 * `>` at all. The lines are still taken from the text part when there is one (it is what the
 * writer's client meant as text), each line judged by the HTML words it matches. Without such
 * structure, the text part is read, or the HTML converted to text, and the words decide.
 */
export function extractReplyText(input: ReplyInput): ReplyText {
  const html = input.html !== undefined && input.html.trim() !== '' ? input.html : undefined;
  // An HTML-only message's text is the parser's conversion of the HTML: read the HTML instead.
  const given = input.text !== undefined && input.text.trim() !== '' ? input.text : undefined;
  const text =
    given !== undefined &&
    html !== undefined &&
    (input.textFromHtml ??
      beyondStack(
        () => isTextMadeFromHtml(given, html),
        () => false,
      ))
      ? undefined
      : given;
  const structured =
    html === undefined
      ? undefined
      : beyondStack(
          () => replyByStructure(text, html),
          () => undefined,
        );
  if (structured !== undefined) return structured;
  const full =
    text ??
    (html === undefined
      ? ''
      : beyondStack(
          () => htmlToReplyText(html),
          () => wordsOfMarkup(html),
        ));
  return { ...stripQuotedText(full), full, source: text !== undefined ? 'text' : html !== undefined ? 'html' : 'none' };
}

/** The reply as the HTML's structure marks it; undefined when it marks nothing, or marks every word as quoted. */
function replyByStructure(text: string | undefined, html: string): ReplyText | undefined {
  if (html.length > MAX_STRUCTURE_HTML_CHARS) return undefined;
  const marked = markQuoteStructure(html);
  if (marked === undefined) return undefined;
  const rendered = htmlToReplyText(marked);
  const read = readMarkedText(rendered);
  // Nothing of the writer's outside the quotes: a body wrapped whole in a blockquote, or answers
  // written inside the quote. The words judge that, as they did before.
  if (!read.words.some((word) => word.part === 'own')) return undefined;
  if (text !== undefined) {
    const lines = text.replace(/\r\n?/gu, '\n').split('\n');
    const parts = partsOfLines(lines, read.words);
    if (parts !== undefined) {
      const linesOf = (wanted: (part: Part) => boolean): string =>
        lines.filter((_, k) => wanted(parts[k] ?? 'own')).join('\n');
      const own = { own: linesOf((part) => part === 'own'), withSignature: linesOf((part) => part !== 'quote') };
      return stripStructured(own, new Set(parts), text, 'text');
    }
  }
  return stripStructured(read, new Set(read.words.map((word) => word.part)), read.plain, 'html');
}

/** What the structure left still goes through the word rules: an unmarked quote or signature may remain. */
function stripStructured(
  kept: Pick<MarkedText, 'own' | 'withSignature'>,
  parts: ReadonlySet<Part>,
  full: string,
  source: 'text' | 'html',
): ReplyText {
  const own = stripQuotedText(kept.own);
  const withSignature = stripQuotedText(kept.withSignature);
  const strippedBy = new Set<StripReason>([
    ...(parts.has('quote') ? (['quote'] as const) : []),
    ...own.strippedBy,
    ...(parts.has('signature') ? (['signature'] as const) : []),
  ]);
  return {
    reply: own.reply,
    replyWithSignature: withSignature.replyWithSignature,
    full,
    source,
    strippedBy: [...strippedBy],
  };
}

/**
 * `read()`, or `otherwise()` when it overflows the stack: the DOM walks here (ours and
 * html-to-text's) recurse per nested element, and a few thousand nested blockquotes from a sender
 * would otherwise fail the mail's intake on every retry.
 */
function beyondStack<T>(read: () => T, otherwise: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RangeError) return otherwise();
    throw error;
  }
}

/** Strips quoted messages, reply headers and signatures from plain text. Pure; lines are kept as written. */
export function stripQuotedText(text: string): Pick<ReplyText, 'reply' | 'replyWithSignature' | 'strippedBy'> {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const kinds = classifyLines(lines);
  const own = selectOwnLines(lines, kinds);
  const withSignature = [...own.keep];
  dropTrailing(
    kinds,
    withSignature,
    (k) => kinds[k] === 'e' || (kinds[k] === 't' && isSignatureSeparator(lines[k] as string)),
  );
  const signatureReasons = dropSignature(lines, kinds, own.keep);
  const strippedBy = [...new Set([...own.reasons, ...signatureReasons])];
  return { reply: joinKept(lines, own.keep), replyWithSignature: joinKept(lines, withSignature), strippedBy };
}

/** A line of no-break spaces alone: Word's empty paragraph (`<p>&nbsp;</p>`) as HTML-to-text writes it. */
const EMPTY_PARAGRAPH = /^[^\S\n]*\u00a0[^\S\n]*$/u;

/**
 * The kept lines, without blank lines around them; indentation and inner blank lines stay, except
 * that a run of blank lines holding an empty Word paragraph reads as the one blank line it shows as.
 */
function joinKept(lines: readonly string[], keep: readonly boolean[]): string {
  const kept = lines.filter((_, k) => keep[k]);
  let start = 0;
  let end = kept.length;
  while (start < end && (kept[start] as string).trim() === '') start++;
  while (end > start && (kept[end - 1] as string).trim() === '') end--;
  const out: string[] = [];
  for (let k = start; k < end; k++) {
    let run = k;
    while (run < end && (kept[run] as string).trim() === '') run++;
    if (run === k) {
      out.push(kept[k] as string);
      continue;
    }
    const blanks = kept.slice(k, run);
    out.push(...(blanks.some((line) => EMPTY_PARAGRAPH.test(line)) ? [''] : blanks));
    k = run - 1;
  }
  return out.join('\n').trimEnd();
}
