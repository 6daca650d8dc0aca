import { convert } from 'html-to-text';

/**
 * HTML bodies longer than this are not converted to text whole (html-to-text is quadratic on some
 * inputs). mailparser is given the same bound (`maxHtmlLengthToParse`).
 */
export const MAX_HTML_TO_TEXT_CHARS = 2 * 1024 * 1024;

/**
 * How much of an over-long HTML body is converted to text for the agents: far more than any person
 * writes by hand (a long newsletter is about 100 KB of HTML), and small enough that converting it
 * stays well inside the parse deadline whatever its markup.
 */
export const MAX_HTML_PREFIX_CHARS = 256 * 1024;

/**
 * mailparser 3.9 does not skip converting an HTML body past `maxHtmlLengthToParse`: it emits an
 * error, which makes simpleParser reject the whole message. This recognises that one error.
 */
export function isHtmlTooLongError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('HTML too long for parsing');
}

/**
 * The text of an HTML body too long to convert whole: its first MAX_HTML_PREFIX_CHARS as text
 * (cut before a tag, so no half tag shows), under a note that says the rest is in the kept HTML.
 */
export function textOfLongHtml(html: string): string {
  const cut = html.length <= MAX_HTML_PREFIX_CHARS ? html.length : html.lastIndexOf('<', MAX_HTML_PREFIX_CHARS);
  const prefix = html.slice(0, cut > 0 ? cut : MAX_HTML_PREFIX_CHARS);
  const note = `[This message's HTML is ${html.length.toLocaleString('en-US')} characters long: the text below is read from its first ${prefix.length.toLocaleString('en-US')} characters. The whole HTML is kept with the case.]`;
  return `${note}\n\n${convert(prefix, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }).trim()}`;
}
