import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../functions/mail/parse-message.ts';
import { readableRawMime } from '../../functions/mail/raw-mime-bytes.ts';

/** Hand-made messages in tests/fixtures/charsets: raw 8-bit headers and mislabelled parts as real mail has them. */
function fixture(name: string): Buffer {
  return readFileSync(join(import.meta.dirname, '../fixtures/charsets', name));
}

describe('raw 8-bit header bytes read as their writer meant them', () => {
  it('reads a raw GBK subject in the charset the body part declares (gb2312)', async () => {
    // Act
    const mail = await parseMessage(fixture('gbk-subject.eml'));

    // Assess
    expect(mail.subject).toBe('关于订单的问题');
    expect(mail.text).toBe('您好，我的订单还没有到。\n');
  });

  it('reads a raw Shift_JIS display name and subject by detection when the body is 7-bit ISO-2022-JP', async () => {
    // Act
    const mail = await parseMessage(fixture('shift-jis-from.eml'));

    // Assess
    expect(mail.from).toEqual({ address: 'yamada@customer.test', name: '山田太郎' });
    expect(mail.subject).toBe('注文した商品が届きません');
    expect(mail.text).toBe('注文した商品が届きません。\n');
  });

  it('reads a raw Big5 attachment name in the charset of the text part beside it', async () => {
    // Act
    const mail = await parseMessage(fixture('big5-filename.eml'));

    // Assess
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['報價單.pdf', 'application/pdf']]);
    expect(mail.attachments[0]?.content.toString('latin1')).toBe('%PDF-1.4\n');
  });

  it('reads raw windows-1252 curly quotes, dash and euro sign in a message labelled ISO-8859-1', async () => {
    // Act
    const mail = await parseMessage(fixture('windows-1252-subject.eml'));

    // Assess
    expect(mail.subject).toBe('Café – “special” offer for 50 €');
    expect(mail.from?.name).toBe('François Müller');
    expect(mail.text).toBe('Voilà.\n');
  });

  it('reads valid UTF-8 as UTF-8 even where the message declares ISO-8859-1, attachment names included', async () => {
    // Act
    const mail = await parseMessage(fixture('utf8-among-latin1.eml'));

    // Assess: the splitter alone read the name as Latin-1, "HofjÃ¤geralle.pdf".
    expect(mail.attachments.map((a) => a.filename)).toEqual(['Hofjägeralle.pdf']);
    expect(mail.subject).toBe('Rechnung Hofjägeralle 12');
    expect(mail.from?.name).toBe('Jürgen Hofjäger');
    expect(mail.text).toBe('Anbei die Rechnung für die Hofjägeralle.');
  });

  it('reads raw bytes inside a quoted-printable encoded word in the word’s own charset', async () => {
    // Prepare: Eudora wrote the ö of an ISO-8859-1 Q word as a raw byte.
    const raw = Buffer.concat([
      Buffer.from('From: Doug <doug@customer.test>\r\nSubject: =?iso-8859-1?Q?Die_Hasen_und_die_Fr'),
      Buffer.from([0xf6]),
      Buffer.from('sche?=\r\n\r\nHi.\r\n'),
    ]);

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail.subject).toBe('Die Hasen und die Frösche');
  });

  it('reads raw UTF-8 inside a Q encoded word labelled ISO-8859-1 as the UTF-8 it is', async () => {
    // Prepare
    const raw = Buffer.concat([
      Buffer.from('From: =?iso-8859-1?Q?J'),
      Buffer.from('ö', 'utf8'),
      Buffer.from('rg?= <joerg@customer.test>\r\nSubject: =?ISO-8859-1?Q?Gr'),
      Buffer.from('üß', 'utf8'),
      Buffer.from('e?=\r\n\r\nHi.\r\n'),
    ]);

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail.from?.name).toBe('Jörg');
    expect(mail.subject).toBe('Grüße');
  });
});

describe('raw 8-bit bytes in nested parts', () => {
  it('reads a raw UTF-8 attachment name two multiparts deep, and leaves the body bytes around it alone', async () => {
    // Prepare
    const raw = Buffer.concat([
      Buffer.from(
        'From: a@customer.test\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\npreamble\r\n--outer\r\nContent-Type: multipart/related;\r\n boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      Buffer.from('Grüße\r\n', 'utf8'),
      Buffer.from('--inner\r\nContent-Type: image/png\r\nContent-Disposition: inline;\r\n filename="'),
      Buffer.from('Straße.png', 'utf8'),
      Buffer.from('"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--inner--\r\n--outer--\r\n'),
    ]);

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail.attachments.map((a) => a.filename)).toEqual(['Straße.png']);
    expect(mail.text).toBe('Grüße');
  });
});

describe('text parts whose bytes and labels disagree', () => {
  it('keeps raw 8-bit UTF-8 in a part declared quoted-printable instead of cutting it to control characters', async () => {
    // Act
    const mail = await parseMessage(fixture('qp-with-8bit-utf8.eml'));

    // Assess
    expect(mail.subject).toBe('Вопрос по заказу');
    expect(mail.text).toBe('Здравствуйте! Мой заказ № 42 не пришёл.\n');
  });

  it('reads a part labelled Big5 whose bytes are valid UTF-8 as UTF-8', async () => {
    // Act
    const mail = await parseMessage(fixture('big5-labelled-utf8.eml'));

    // Assess
    expect(mail.text).toBe('您好，我的訂單還沒有到。\n');
  });

  it('still reads a part that really is Big5 as Big5', async () => {
    // Prepare: 請看 in Big5 is not valid UTF-8.
    const raw = Buffer.concat([
      Buffer.from('From: chan@customer.test\r\nContent-Type: text/plain; charset=big5\r\n\r\n'),
      Buffer.from([0xbd, 0xd0, 0xac, 0xdd, 0x0d, 0x0a]),
    ]);

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail.text).toBe('請看\n');
  });

  it('reads a part labelled ISO-2022-JP-2 with the ISO-2022-JP decoder', async () => {
    // Prepare: 日本 as ISO-2022-JP escape sequences, 7-bit.
    const raw = Buffer.from(
      'From: a@customer.test\r\nContent-Type: text/plain; charset=ISO-2022-JP-2\r\n\r\n\x1b$BF|K\\\x1b(B\r\n',
      'latin1',
    );

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail.text).toBe('日本\n');
  });
});

describe('the raw message handed to the parser', () => {
  it('is the very same buffer when the message has no 8-bit byte', async () => {
    // Prepare
    const raw = Buffer.from('From: a@customer.test\r\nSubject: =?UTF-8?B?w6k=?=\r\n\r\nHello.\r\n');

    // Act + Assess
    expect(await readableRawMime(raw)).toBe(raw);
  });

  it('leaves 8-bit bodies that are not quoted-printable byte for byte as they came', async () => {
    // Prepare
    const body = Buffer.from([0xbd, 0xd0, 0xac, 0xdd, 0x0d, 0x0a]);
    const raw = Buffer.concat([
      Buffer.from(
        'From: a@customer.test\r\nContent-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      body,
    ]);

    // Act
    const readable = await readableRawMime(raw);

    // Assess
    expect(readable.equals(raw)).toBe(true);
  });
});
