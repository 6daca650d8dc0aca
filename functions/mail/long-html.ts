import { convert } from 'html-to-text';

/**
 * HTML bodies longer than this are not converted to text whole (html-to-text is quadratic on some
 * inputs). mailparser is given the same bound (`maxHtmlLengthToParse`).
 */
export const MAX_HTML_TO_TEXT_CHARS = 2 * 1024 * 1024;

/**
 * How much of an HTML body mailparser could not convert is converted for the agents: far more than
 * any person writes by hand (a long newsletter is about 100 KB of HTML), and small enough that
 * converting it stays well inside the parse deadline whatever its markup.
 */
export const MAX_HTML_PREFIX_CHARS = 256 * 1024;

/**
 * mailparser 3.9 does not skip converting an HTML body it cannot convert: past
 * `maxHtmlLengthToParse`, or when html-to-text fails (its recursion overflows the stack on a few
 * thousand nested elements), it emits an error, which makes simpleParser reject the whole message.
 * This recognises those two errors.
 */
export function isHtmlConversionError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.message.startsWith('HTML too long for parsing') || error.message === 'Failed to parse HTML')
  );
}

/**
 * The text of an HTML body mailparser could not convert: its first MAX_HTML_PREFIX_CHARS as text
 * (cut before a tag, so no half tag shows), under a note that says the whole HTML is kept. Markup
 * html-to-text cannot walk either is read with its tags dropped.
 */
export function textOfUnconvertedHtml(html: string): string {
  const cut = html.length <= MAX_HTML_PREFIX_CHARS ? html.length : html.lastIndexOf('<', MAX_HTML_PREFIX_CHARS);
  const prefix = html.slice(0, cut > 0 ? cut : MAX_HTML_PREFIX_CHARS);
  const whole = prefix.length === html.length;
  const note = whole
    ? `[This message's HTML could not be read as usual: the text below is its words with the markup dropped. The whole HTML is kept with the case.]`
    : `[This message's HTML is ${html.length.toLocaleString('en-US')} characters long: the text below is read from its first ${prefix.length.toLocaleString('en-US')} characters. The whole HTML is kept with the case.]`;
  return `${note}\n\n${htmlAsText(prefix).trim()}`;
}

function htmlAsText(html: string): string {
  try {
    return convert(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return wordsOfMarkup(html);
  }
}

/**
 * Words of HTML with no DOM walk and in one pass (a regular expression for tags backtracks to the
 * end of the text at every `<` that never closes): tags become spaces, scripts and styles go, an
 * unclosed tag drops the rest, the common entities are read.
 */
export function wordsOfMarkup(html: string): string {
  const lower = html.toLowerCase();
  let words = '';
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) {
      words += html.slice(at);
      break;
    }
    words += `${html.slice(at, open)} `;
    const close = html.indexOf('>', open);
    if (close === -1) break;
    const element = /^<(script|style)\b/.exec(lower.slice(open, open + 7))?.[1];
    const closing = element === undefined ? close : lower.indexOf(`</${element}`, close);
    const end = closing === -1 ? -1 : lower.indexOf('>', closing);
    if (end === -1) break;
    at = end + 1;
  }
  return readEntities(words)
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n[ \n]*/g, '\n');
}

function readEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
