import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markQuoteStructure } from '../../functions/mail/html-quote-marks.ts';
import { readReplyBodies } from '../../functions/mail/reply-source.ts';
import { extractReplyText } from '../../functions/mail/reply-text.ts';
import { normaliseReply } from '../support/reply-compare.ts';

/**
 * Our own replies, one or more per client family, each built the way that client builds its HTML
 * and text parts; `<name>.reply.txt` holds the words the customer wrote. Most are in a language the
 * header patterns do not know, or answer between quotes, so only the HTML structure can tell.
 */
const FIXTURES = resolve(import.meta.dirname, '../fixtures/replies');
const names = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.eml'))
  .sort();

const replyOf = async (name: string) => extractReplyText(await readReplyBodies(readFileSync(join(FIXTURES, name))));

describe('replies as mail clients build them (tests/fixtures/replies)', () => {
  it('has a fixture for every client family we read by structure', () => {
    const families = [
      'gmail',
      'outlook-desktop',
      'outlook-web',
      'outlook-mobile',
      'outlook-mac',
      'hotmail',
      'apple-mail',
      'ios-mail',
      'yahoo',
      'thunderbird',
      'zimbra',
      'roundcube',
      'protonmail',
      'gmx',
      'samsung',
      'spark',
      'zoho',
      'webmail',
    ];
    expect(families.filter((family) => !names.some((name) => name.startsWith(family)))).toEqual([]);
  });

  it.each(names)('%s: the reply is exactly the customer’s new words', async (name) => {
    // Prepare
    const expected = readFileSync(join(FIXTURES, name.replace(/\.eml$/u, '.reply.txt')), 'utf8');

    // Act
    const { reply } = await replyOf(name);

    // Assess
    expect(normaliseReply(reply)).toBe(normaliseReply(expected));
  });
});

describe('how the HTML structure is used', () => {
  it('keeps the signature the client marked in replyWithSignature, and says what it removed', async () => {
    const result = await replyOf('gmail-signature.eml');
    expect(result).toMatchObject({ source: 'text', strippedBy: ['quote', 'signature'] });
    expect(normaliseReply(result.replyWithSignature)).toBe(
      'Hola,\n\nya puedo entrar, muchísimas gracias.\n\nLucia Gomez\nEstudio Gomez | Diseño gráfico\n+34 910 000 000',
    );
  });

  it('reads the HTML alone when the text part says something else', () => {
    // Prepare
    const html =
      '<div dir="ltr">Works now, thanks.</div><div class="gmail_quote"><div class="gmail_attr">On Tue, 3 Jun 2025 at 10:15, Support &lt;support@help.example.com&gt; wrote:</div><blockquote class="gmail_quote">Does it work?</blockquote></div>';

    // Act
    const result = extractReplyText({ text: 'This message is best viewed in an HTML mail client.', html });

    // Assess
    expect(result).toMatchObject({ reply: 'Works now, thanks.', source: 'html' });
  });

  it('does not cut at an Outlook separator inside a quote: the answer under the quote stays', () => {
    // Prepare
    const quotedOutlook =
      '<div id="divRplyFwdMsg"><b>From:</b> Support<br><b>Sent:</b> Monday</div><div>Old question</div>';
    const html = `<div class="gmail_quote"><div class="gmail_attr">On Tue, 3 Jun 2025 at 10:15, Support &lt;support@help.example.com&gt; wrote:</div><blockquote class="gmail_quote">Can you check?${quotedOutlook}</blockquote></div><div>Checked, all fine.</div>`;

    // Act
    const result = extractReplyText({ html });

    // Assess
    expect(result.reply).toBe('Checked, all fine.');
  });

  it('drops an attribution above a blockquote in any language, but keeps the writer’s own line ending in a colon', () => {
    // Prepare
    const attribution =
      '<div>Pada 3 Jun 2025 pukul 10.15, Example Support &lt;support@help.example.com&gt; menulis:</div><blockquote>Ukuran apa?</blockquote><div>Besar.</div>';
    const ownColon = '<p>About order 4711:</p><blockquote>Which size?</blockquote><p>Large.</p>';

    // Act
    const replies = [extractReplyText({ html: attribution }).reply, extractReplyText({ html: ownColon }).reply];

    // Assess
    expect(replies).toEqual(['Besar.', 'About order 4711:\n\nLarge.']);
  });

  it('keeps the writer’s own bold labels in Word paragraphs: only a header that names an address or a time is a cut', () => {
    // Prepare: details typed with Shift+Enter, so one paragraph with line breaks, like Outlook's header
    const html =
      '<p class="MsoNormal">My details:</p><p class="MsoNormal"><b>Name:</b> Ana Lima<br><b>Phone:</b> 555 0100<br><b>Order:</b> 4711</p>';

    // Act
    const result = extractReplyText({ html });

    // Assess
    expect(result.reply).toBe('My details:\n\nName: Ana Lima\nPhone: 555 0100\nOrder: 4711');
  });

  it('judges by the words when everything in the HTML is quoted, as before', () => {
    expect(
      extractReplyText({ text: 'Please call me back.', html: '<blockquote>Please call me back.</blockquote>' }).reply,
    ).toBe('Please call me back.');
  });

  it('marks nothing in HTML without a quote structure: plain paragraphs, Gmail’s indent button', () => {
    expect(markQuoteStructure('<p>Hello,</p><p>my order never came.</p>')).toBeUndefined();
    expect(
      markQuoteStructure(
        '<div>Hi</div><blockquote style="margin:0 0 0 40px;border:none;padding:0px">indented</blockquote>',
      ),
    ).toBeUndefined();
  });
});
