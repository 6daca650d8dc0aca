import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { type ComposeInput, composeMessage } from '../../functions/mail/compose-message.ts';

const base: ComposeInput = {
  from: { name: 'Example Support', address: 'support@example.test' },
  to: [{ name: 'Zoë Müller', address: 'zoe@customer.test' }],
  replyTo: 'reply+abc@example.test',
  content: { subject: 'Re: Problème — commande 🙏', text: 'Hallo Zoë,\n\ndanke.\n', html: '<p>Hallo Zoë,</p>' },
  inReplyTo: '<m1@customer.test>',
  references: ['<m0@customer.test>', '<m1@customer.test>'],
  automatic: true,
  date: new Date('2026-11-22T08:00:00Z'),
};

const headOf = (raw: Buffer) => raw.toString('latin1').split('\r\n\r\n')[0] ?? '';

describe('composing the MIME of a message we send', () => {
  it('writes non-ASCII names and subjects as RFC 2047 encoded words, in 7-bit headers that read back as written', async () => {
    // Act
    const raw = await composeMessage({
      ...base,
      cc: [{ name: 'Smith, John "JJ"', address: 'john@customer.test' }],
    });
    const mail = await simpleParser(raw);

    // Assess
    const head = headOf(raw);
    expect(head).toMatch(/^Subject: =\?UTF-8\?Q\?Re=3A_Probl=C3=A8me_/m);
    expect(head).toMatch(/^To: =\?UTF-8\?[QB]\?.*\?= <zoe@customer\.test>$/m);
    expect(head).toContain('Cc: "Smith, John \\"JJ\\"" <john@customer.test>');
    expect(head).not.toMatch(/[^\x00-\x7f]/);
    expect(mail.subject).toBe('Re: Problème — commande 🙏');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
      { name: 'Zoë Müller', address: 'zoe@customer.test' },
    ]);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value : []).toEqual([
      { name: 'Smith, John "JJ"', address: 'john@customer.test' },
    ]);
    expect(mail.replyTo?.value).toEqual([{ name: '', address: 'reply+abc@example.test' }]);
    expect(mail.date?.toISOString()).toBe('2026-11-22T08:00:00.000Z');
    expect(head).toContain('Date: Sun, 22 Nov 2026 08:00:00 +0000');
  });

  it('folds long header fields to lines of at most 76 characters that unfold to the same ids', async () => {
    // Prepare
    const references = Array.from(
      { length: 6 },
      (_, i) => `<reference-${i}-abcdefghijklmnopqrstuvwxyz0123456789@mail.customer.test>`,
    );

    // Act
    const raw = await composeMessage({
      ...base,
      references,
      content: { ...base.content, subject: 'word '.repeat(40) },
    });
    const mail = await simpleParser(raw);

    // Assess
    expect(
      headOf(raw)
        .split('\r\n')
        .every((line) => line.length <= 76),
    ).toBe(true);
    expect(mail.references).toEqual(references);
    expect(mail.subject).toBe('word '.repeat(40).trim());
  });

  it('sends short ASCII text as 7bit, long or accented text as quoted-printable, and mostly non-Latin text as base64', async () => {
    // Act
    const [ascii, accented, greek] = await Promise.all(
      [
        { text: 'Thanks, we have it.\n', html: `<p>${'a long line '.repeat(20)}</p>` },
        { text: 'Hallo Zoë,\n', html: '<p>Grüße</p>' },
        { text: 'Γειά σου κόσμε, ευχαριστούμε\n', html: '<p>Γειά σου</p>' },
      ].map(async (body) => {
        const raw = await composeMessage({ ...base, content: { subject: 's', ...body } });
        return { raw: raw.toString('latin1'), mail: await simpleParser(raw) };
      }),
    );

    // Assess
    expect(ascii?.raw).toMatch(/text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit/);
    expect(ascii?.raw).toMatch(/text\/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable/);
    expect(ascii?.raw.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(ascii?.mail.html).toBe(`<p>${'a long line '.repeat(20)}</p>`);
    expect(accented?.raw).toContain('Hallo Zo=C3=AB,');
    expect(accented?.mail.text).toBe('Hallo Zoë,\n');
    expect(greek?.raw).toMatch(/text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64/);
    expect(greek?.mail.text).toBe('Γειά σου κόσμε, ευχαριστούμε\n');
  });

  it('puts text and HTML in multipart/alternative, an inline image beside the HTML in multipart/related, other files in multipart/mixed', async () => {
    // Prepare
    const pdf = Buffer.from('%PDF-1.4 bytes \u0000\u00ff', 'latin1');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const forwarded = Buffer.from('Subject: earlier\r\nFrom: a@b.test\r\n\r\nthe earlier mail\r\n');

    // Act
    const raw = await composeMessage({
      ...base,
      content: { ...base.content, html: '<p>Logo: <img src="cid:logo@x"></p>' },
      attachments: [
        { filename: 'Rechnung März.pdf', contentType: 'application/pdf', content: pdf },
        { filename: 'logo.png', contentType: 'image/png', content: png, contentId: '<logo@x>' },
        { filename: 'earlier.eml', contentType: 'message/rfc822', content: forwarded },
      ],
    });
    const text = raw.toString('latin1');
    const mail = await simpleParser(raw, { keepCidLinks: true });

    // Assess
    const types = [...text.matchAll(/^Content-Type: ([a-z]+\/[a-z0-9.+-]+)/gim)].map((m) => m[1]);
    expect(types).toEqual([
      'multipart/mixed',
      'multipart/alternative',
      'text/plain',
      'multipart/related',
      'text/html',
      'image/png',
      'application/pdf',
      'message/rfc822',
    ]);
    expect(text).toContain("filename*0*=utf-8''Rechnung%20M%C3%A4rz.pdf");
    expect(text).toMatch(/Content-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: inline;/);
    // A message/* part cannot be encoded (RFC 2046 §5.2.1): the forwarded mail goes as it is.
    expect(text).toContain(
      `Content-Transfer-Encoding: 7bit\r\nContent-Disposition: inline; filename=earlier.eml\r\n\r\n${forwarded.toString()}`,
    );
    expect(mail.html).toContain('cid:logo@x');
    const files = mail.attachments.map((a) => [
      a.filename,
      a.contentType,
      a.contentDisposition,
      a.content.equals(pdf) || a.content.equals(png),
    ]);
    expect(files).toEqual([
      ['logo.png', 'image/png', 'inline', true],
      ['Rechnung März.pdf', 'application/pdf', 'attachment', true],
    ]);
  });

  it('labels a forwarded mail with 8-bit bytes or a line over 998 octets 8bit, and sends its bytes as they are', async () => {
    // Prepare
    const eightBit = Buffer.from('Subject: Grüße\r\n\r\nbody\r\n', 'utf8');
    const longLine = Buffer.from(`Subject: long\r\n\r\n${'x'.repeat(999)}\r\n`);

    // Act
    const raws = await Promise.all(
      [eightBit, longLine].map((content) =>
        composeMessage({ ...base, attachments: [{ filename: 'fwd.eml', contentType: 'message/rfc822', content }] }),
      ),
    );

    // Assess
    for (const [index, raw] of raws.entries()) {
      expect(raw.toString('latin1')).toContain('Content-Transfer-Encoding: 8bit\r\nContent-Disposition: inline');
      expect(raw.includes([eightBit, longLine][index] as Buffer)).toBe(true);
    }
  });

  it('cannot be made to write a header by a file name or content type from a mail', async () => {
    // Act
    const raw = await composeMessage({
      ...base,
      attachments: [
        {
          filename: 'a.txt\r\nBcc: victim@evil.test',
          contentType: 'text/plain\r\nBcc: victim@evil.test',
          content: Buffer.from('x'),
        },
      ],
    });

    // Assess
    expect(raw.toString('latin1')).not.toMatch(/^Bcc:/im);
    const mail = await simpleParser(raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.attachments[0]?.filename).toBe('a.txt Bcc: victim@evil.test');
  });
});

describe('the language of a message we send', () => {
  it('is named in Content-Language when the text came from a language folder, and never from anything else', async () => {
    // Act
    const german = headOf(await composeMessage({ ...base, content: { ...base.content, language: 'de' } }));
    const unnamed = headOf(await composeMessage(base));
    const forged = headOf(
      await composeMessage({ ...base, content: { ...base.content, language: 'de\r\nBcc: eve@evil.test' } }),
    );

    // Assess
    expect(german).toMatch(/^Content-Language: de$/m);
    expect(unnamed).not.toContain('Content-Language');
    expect(forged).not.toContain('Content-Language');
    expect(forged).not.toContain('Bcc');
  });
});
