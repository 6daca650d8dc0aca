import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../functions/mail/parse-message.ts';
import { extractReplyText } from '../../functions/mail/reply-text.ts';

const HTML = '<div>Thanks, that works now.</div><div><br></div><div>Ana</div>';

const message = (contentType: string, body: string) =>
  Buffer.from(
    [
      'From: Ana <ana@customer.test>',
      'To: support@example.test',
      'Subject: printer',
      'Message-ID: <derived-1@customer.test>',
      'MIME-Version: 1.0',
      `Content-Type: ${contentType}`,
      '',
      body,
    ].join('\r\n'),
  );

const part = (type: string, body: string) => `--b\r\nContent-Type: ${type}; charset=utf-8\r\n\r\n${body}\r\n`;

describe("telling whether a mail's text was made from its HTML", () => {
  it('knows an HTML-only message by its type, and reads the reply from the HTML', async () => {
    // Act
    const parsed = await parseMessage(message('text/html; charset=utf-8', HTML));
    const reply = extractReplyText({ text: parsed.text, html: parsed.html, textFromHtml: parsed.textFromHtml });

    // Assess
    expect(parsed.textFromHtml).toBe(true);
    expect(reply).toMatchObject({ source: 'html', reply: 'Thanks, that works now.\n\nAna' });
  });

  it('knows the text under multipart/alternative is the text part, and reads the reply from it', async () => {
    // Act
    const parsed = await parseMessage(
      message(
        'multipart/alternative; boundary=b',
        `${part('text/plain', 'Thanks, that works now.\r\nAna')}${part('text/html', HTML)}--b--`,
      ),
    );
    const reply = extractReplyText({ text: parsed.text, html: parsed.html, textFromHtml: parsed.textFromHtml });

    // Assess
    expect(parsed.textFromHtml).toBe(false);
    expect(reply).toMatchObject({ source: 'text', reply: 'Thanks, that works now.\nAna' });
  });

  it('leaves other shapes to the comparison, which still finds text the parser made from an HTML part', async () => {
    // Prepare: multipart/mixed with an empty text part, so mailparser converts the HTML beside it.
    const raw = message('multipart/mixed; boundary=b', `${part('text/plain', '')}${part('text/html', HTML)}--b--`);

    // Act
    const parsed = await parseMessage(raw);
    const reply = extractReplyText({ text: parsed.text, html: parsed.html, textFromHtml: parsed.textFromHtml });

    // Assess
    expect(parsed.textFromHtml).toBeUndefined();
    expect(reply.source).toBe('html');
    expect(reply.reply).toBe('Thanks, that works now.\n\nAna');
  });
});
