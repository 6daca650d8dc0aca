import { describe, expect, it } from 'vitest';
import {
  MAX_HTML_PREFIX_CHARS,
  MAX_HTML_TO_TEXT_CHARS,
  textOfUnconvertedHtml,
  wordsOfMarkup,
} from '../../functions/mail/long-html.ts';
import { parseMessage } from '../../functions/mail/parse-message.ts';
import { extractReplyText } from '../../functions/mail/reply-text.ts';

const from = 'ann@customer.test';

/** An HTML newsletter-like body of about `chars` characters: one opening line, then table rows. */
function longHtml(chars: number): string {
  const row = '<tr><td style="padding:4px">Item line with some words</td></tr>\n';
  return `<html><body><p>Our invoice 4711 is wrong, please check.</p><table>${row.repeat(Math.ceil(chars / row.length))}</table></body></html>`;
}

describe('an HTML-only mail longer than the HTML we convert whole', () => {
  it('is read, not refused: a note and the start of its HTML as text, the whole HTML kept', async () => {
    // Prepare
    const html = longHtml(MAX_HTML_TO_TEXT_CHARS + 100_000);
    const raw = Buffer.from(
      `From: ${from}\r\nSubject: Big newsletter\r\nMessage-ID: <big@customer.test>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`,
    );

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail).toMatchObject({
      from: { address: from },
      subject: 'Big newsletter',
      messageId: '<big@customer.test>',
      bodyUndecoded: false,
    });
    expect(mail.tooComplex).toBeUndefined();
    expect(mail.html?.length).toBeGreaterThan(MAX_HTML_TO_TEXT_CHARS);
    expect(mail.text?.slice(0, 200)).toMatch(
      /^\[This message's HTML is 2,\d{3},\d{3} characters long: the text below is read from its first 262,\d{3} characters\. The whole HTML is kept with the case\.\]\n\nOur invoice 4711 is wrong, please check\.\n/,
    );
    expect(mail.text?.length).toBeLessThan(MAX_HTML_PREFIX_CHARS);
  });

  it('keeps its text part as the text when it has one, beside the long HTML', async () => {
    const html = longHtml(MAX_HTML_TO_TEXT_CHARS + 10);
    const raw = Buffer.from(
      `From: ${from}\r\nSubject: Both\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe short words.\r\n--b\r\nContent-Type: text/html\r\n\r\n${html}\r\n--b--\r\n`,
    );
    const mail = await parseMessage(raw);
    expect(mail.text?.trim()).toBe('The short words.');
    expect(mail.html?.length).toBeGreaterThan(MAX_HTML_TO_TEXT_CHARS);
  });
});

describe('an HTML-only mail nested deeper than html-to-text can walk', () => {
  it('is read, its words kept with the markup dropped', async () => {
    const html = `${'<div>'.repeat(20_000)}Please call me back &amp; soon.${'</div>'.repeat(20_000)}`;
    const mail = await parseMessage(
      Buffer.from(`From: ${from}\r\nSubject: Deep\r\nContent-Type: text/html\r\n\r\n${html}\r\n`),
    );
    expect(mail.text).toBe(
      "[This message's HTML could not be read as usual: the text below is its words with the markup dropped. The whole HTML is kept with the case.]\n\nPlease call me back & soon.",
    );
    expect(mail.html).toContain('Please call me back');
  });
});

describe('textOfUnconvertedHtml', () => {
  it('cuts before a tag, so no half tag reaches the text', () => {
    const html = `<p>${'a'.repeat(MAX_HTML_PREFIX_CHARS - 10)}</p><p title="${'x'.repeat(100)}">tail</p>`;
    const text = textOfUnconvertedHtml(html);
    expect(text).not.toContain('title');
    expect(text.endsWith('a')).toBe(true);
  });
});

describe('reply words of HTML nested deeper than a DOM walk can recurse', () => {
  const deepQuote = `<p>My words.</p>${'<blockquote type="cite">'.repeat(8_000)}Old words.${'</blockquote>'.repeat(8_000)}`;

  it('come from the text part, when there is one', () => {
    expect(extractReplyText({ text: 'My words.\n> Old words.', html: deepQuote }).reply).toBe('My words.');
  });

  it('come from the HTML with its markup dropped, when there is none', () => {
    expect(extractReplyText({ html: deepQuote })).toMatchObject({
      reply: expect.stringContaining('My words.'),
      source: 'html',
    });
  });
});

describe('wordsOfMarkup', () => {
  it('keeps the words, drops tags, scripts, styles and an unclosed tag at the end', () => {
    expect(
      wordsOfMarkup(
        '<p>Hello &amp; bye</p><script>var a = "<p>no</p>";</script><style>p{}</style>\n<div>Second   line</div><b',
      ).trim(),
    ).toBe('Hello & bye\nSecond line');
  });

  it('reads markup that never closes its tags without backtracking (a tag pattern backtracks at every `<`)', () => {
    // 240 KB of `<a ` took 12.7 s with /<[^>]*>/g: the test's time limit is the bound, the figure is the bench's.
    expect(wordsOfMarkup('<a '.repeat(80_000)).trim()).toBe('');
    expect(wordsOfMarkup('<script>'.repeat(32_000)).trim()).toBe('');
  }, 5_000);
});
