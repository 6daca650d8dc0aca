import { compile } from 'html-to-text';
import { visibleText } from '../core/visible-text.ts';

/**
 * mailparser gives an HTML-only message a `text` of its own making: the HTML through html-to-text
 * with its default options (wrapped at 80 columns, a blank `<div><br></div>` line doubled). That
 * text is no client's plain part, so the reply is better read from the HTML by our own conversion.
 */
let convertAsMailparser: ((html: string) => string) | undefined;

/**
 * Whether mailparser made a message's text from its HTML, as far as the message's own Content-Type
 * says, so no conversion is needed to tell: an HTML-only message's text is always made from it, and
 * nothing under multipart/alternative ever is (the text there is the text part). Undefined for
 * other shapes (multipart/mixed may hold an HTML part with an empty text part beside it):
 * `isTextMadeFromHtml` compares then.
 */
export function textFromHtmlByType(contentType: string): boolean | undefined {
  const type = contentType.trim().toLowerCase();
  return type === 'text/html' ? true : type === 'multipart/alternative' ? false : undefined;
}

/** Same limit as the structure reading: larger HTML is not converted a second time. */
const MAX_COMPARED_HTML_CHARS = 2 * 1024 * 1024;

/**
 * Whether `text` is what mailparser made of `html` because the message had no text part, as it
 * comes from the parser or as `parseMessage` keeps it (invisible characters taken out).
 */
export function isTextMadeFromHtml(text: string, html: string): boolean {
  if (html.length > MAX_COMPARED_HTML_CHARS || text.length > html.length) return false;
  convertAsMailparser ??= compile({});
  const made = convertAsMailparser(html);
  return made === text || visibleText(made) === text;
}
