import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { readAsWhatwgCharsets } from '../../functions/mail/charset-labels.ts';
import { safeContentType } from '../../functions/inbound/store-content.ts';

describe('charset labels as browsers read them', () => {
  it('decodes windows-1252 bytes labelled ISO-8859-1 as the writer meant them', async () => {
    const raw = Buffer.concat([
      Buffer.from('Subject: =?iso-8859-1?q?=80_50?=\r\nContent-Type: text/plain; charset="ISO-8859-1"\r\n\r\n'),
      Buffer.from([0x93, 0x53, 0x94, 0x20, 0x96, 0x20, 0x80, 0xe9]),
    ]);
    const mail = await simpleParser(readAsWhatwgCharsets(raw));
    expect(mail.text?.trim()).toBe('“S” – €é');
    expect(mail.subject).toBe('€ 50');
  });

  it('leaves other labels and the bytes alone', () => {
    const raw = Buffer.from('Content-Type: text/plain; charset=utf-8\r\n\r\nhé');
    expect(readAsWhatwgCharsets(raw)).toBe(raw);
  });
});

describe('content types for stored attachments', () => {
  it('keeps a valid type and turns a malformed one into opaque bytes', () => {
    expect(safeContentType('Application/PDF')).toBe('application/pdf');
    expect(safeContentType('text/plain charset=iso-2022-jp')).toBe('application/octet-stream');
    expect(safeContentType('')).toBe('application/octet-stream');
  });
});
