import { compile, type HtmlToTextOptions } from 'html-to-text';
import { classifyLines, dropSignature, dropTrailing, selectOwnLines, type StripReason } from './reply-lines.ts';
import { isSignatureSeparator } from './signatures.ts';

export type { StripReason } from './reply-lines.ts';

/** The bodies mailparser gives (`ParsedInboundMail.text` and `.html`); see `readReplyBodies` for a raw message. */
export interface ReplyInput {
  readonly text?: string;
  readonly html?: string;
}

export interface ReplyText {
  /** The writer's new words: quoted messages, their headers and the writer's signature removed; '' if none. */
  readonly reply: string;
  /** The same words with the writer's signature ("-- ", "Sent from my iPhone") kept. */
  readonly replyWithSignature: string;
  /** The whole text the reply was taken from: the text part, or the HTML part as text. */
  readonly full: string;
  /** Which body that was. */
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

/** The HTML part as the plain text `extractReplyText` strips; `<div><br></div>` runs make one blank line. */
export function htmlToReplyText(html: string): string {
  convertHtml ??= compile(REPLY_TEXT_OPTIONS);
  return convertHtml(html).replace(/\n[ \t]*(?:\n[ \t]*){2,}/gu, '\n\n');
}

/**
 * Extracts the new words of a reply from a parsed mail. The text part is read when there is one
 * (it is what the writer's client meant as text); otherwise the HTML part, converted to text.
 */
export function extractReplyText(input: ReplyInput): ReplyText {
  const hasText = input.text !== undefined && input.text.trim() !== '';
  const hasHtml = input.html !== undefined && input.html.trim() !== '';
  const full = hasText ? (input.text as string) : hasHtml ? htmlToReplyText(input.html as string) : '';
  return { ...stripQuotedText(full), full, source: hasText ? 'text' : hasHtml ? 'html' : 'none' };
}

/** Strips quoted messages, reply headers and signatures from plain text. Pure; lines are kept as written. */
export function stripQuotedText(text: string): Pick<ReplyText, 'reply' | 'replyWithSignature' | 'strippedBy'> {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const kinds = classifyLines(lines);
  const own = selectOwnLines(lines, kinds);
  const withSignature = [...own.keep];
  dropTrailing(kinds, withSignature, (k) => kinds[k] === 'e' || (kinds[k] === 't' && isSignatureSeparator(lines[k] as string)));
  const signatureReasons = dropSignature(lines, kinds, own.keep);
  const strippedBy = [...new Set([...own.reasons, ...signatureReasons])];
  return { reply: joinKept(lines, own.keep), replyWithSignature: joinKept(lines, withSignature), strippedBy };
}

/** The kept lines, without blank lines around them; indentation and inner blank lines stay. */
function joinKept(lines: readonly string[], keep: readonly boolean[]): string {
  const kept = lines.filter((_, k) => keep[k]);
  let start = 0;
  let end = kept.length;
  while (start < end && (kept[start] as string).trim() === '') start++;
  while (end > start && (kept[end - 1] as string).trim() === '') end--;
  return kept.slice(start, end).join('\n').trimEnd();
}
