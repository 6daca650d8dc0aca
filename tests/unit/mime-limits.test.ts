import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ParseDeadlineError, parseWithDeadline } from '../../functions/mail/bounded-parse.ts';
import {
  findExcessComplexity,
  MAX_ALL_HEADER_BYTES,
  MAX_HEADER_BYTES,
  MAX_MIME_DEPTH,
  MAX_MIME_PARTS,
} from '../../functions/mail/mime-limits.ts';
import { measureMimeShape } from '../../functions/mail/mime-shape.ts';
import { parseMessage } from '../../functions/mail/parse-message.ts';
import { mailNested, mailWithPartHeader, mailWithParts } from '../support/complex-mail.ts';

const from = 'ann@customer.test';

describe('measuring a message before it is parsed', () => {
  it('counts the parts, the nesting and the largest header block of ordinary mail', () => {
    // Prepare: mixed(text, alternative(text, html), attachment)
    const raw = Buffer.from(
      [
        'From: ann@customer.test',
        'Content-Type: multipart/mixed;',
        '\tboundary="outer"',
        '',
        '--outer',
        'Content-Type: text/plain',
        '',
        'Hello.',
        '--outer',
        'Content-Type: multipart/alternative; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain',
        '',
        'Hi',
        '--inner  ',
        'Content-Type: text/html',
        '',
        '<p>Hi</p>',
        // The outer delimiter closes the inner multipart, whose close delimiter never comes.
        '--outer',
        'Content-Type: application/pdf',
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0=',
        '--outer--',
        '',
      ].join('\r\n'),
    );

    // Act
    const shape = measureMimeShape(raw, MAX_MIME_DEPTH);

    // Assess
    const topHeader = 'From: ann@customer.test\r\nContent-Type: multipart/mixed;\r\n\tboundary="outer"\r\n\r\n';
    // Six header blocks, each with its blank line: 78 + 28 + 55 + 28 + 27 + 68 bytes.
    expect(shape).toEqual({ parts: 5, depth: 2, headerBytes: topHeader.length, allHeaderBytes: 284 });
    expect(findExcessComplexity(raw)).toBeUndefined();
  });

  it(`finds a message of more than ${MAX_MIME_PARTS} parts too complex, and says how many it has`, () => {
    expect(findExcessComplexity(mailWithParts(MAX_MIME_PARTS, { from }))).toBeUndefined();
    expect(findExcessComplexity(mailWithParts(50_000, { from }))).toEqual({
      limit: 'parts',
      found: 50_000,
      max: MAX_MIME_PARTS,
    });
  });

  it(`finds multiparts nested more than ${MAX_MIME_DEPTH} deep too complex`, () => {
    expect(measureMimeShape(mailNested(MAX_MIME_DEPTH - 1, { from }), MAX_MIME_DEPTH).depth).toBe(MAX_MIME_DEPTH);
    expect(findExcessComplexity(mailNested(MAX_MIME_DEPTH - 1, { from }))).toBeUndefined();
    expect(findExcessComplexity(mailNested(200, { from }))).toEqual({ limit: 'depth', max: MAX_MIME_DEPTH });
  });

  it(`finds a part whose header block is over ${MAX_HEADER_BYTES / 1024} KB too complex`, () => {
    expect(findExcessComplexity(mailWithPartHeader(MAX_HEADER_BYTES - 1024, { from }))).toBeUndefined();
    expect(findExcessComplexity(mailWithPartHeader(MAX_HEADER_BYTES, { from }))).toEqual({
      limit: 'header-bytes',
      max: MAX_HEADER_BYTES,
    });
  });

  it(`finds over ${MAX_ALL_HEADER_BYTES / 1024} KB of headers in all the parts together too complex`, () => {
    // Prepare: 40 parts, each with a header block of 30 KB, each within the limit for one block.
    const fold = ` ${'x'.repeat(70)}\r\n`;
    const part = `--b\r\nContent-Type: text/plain\r\nX-Padding: start\r\n${fold.repeat(Math.ceil((30 * 1024) / fold.length))}\r\nHello.\r\n`;
    const raw = Buffer.from(
      `From: ${from}\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${part.repeat(40)}--b--\r\n`,
    );

    expect(findExcessComplexity(raw)).toEqual({ limit: 'all-header-bytes', max: MAX_ALL_HEADER_BYTES });
  });

  it('does not read a forwarded message sent in base64 as headers, however long it is', () => {
    const forwarded = randomBytes(400 * 1024)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const raw = Buffer.from(
      `From: ${from}\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${forwarded}\r\n--b--\r\n`,
    );

    expect(measureMimeShape(raw, MAX_MIME_DEPTH)).toMatchObject({ parts: 1, depth: 1 });
    expect(findExcessComplexity(raw)).toBeUndefined();
  });
});

describe('a parse with a deadline', () => {
  it('gives up on a parse that would never finish, with ParseDeadlineError', async () => {
    // Prepare: past mailparser's 1,000 nodes this shape never resolves (hence the limits).
    const neverEnds = mailWithParts(1_001, { from });

    // Act
    const parsing = parseWithDeadline(neverEnds, {}, 200);

    // Assess
    await expect(parsing).rejects.toBeInstanceOf(ParseDeadlineError);
  });

  it('returns what the parser read when it finishes in time', async () => {
    const parsed = await parseWithDeadline(Buffer.from(`From: ${from}\r\nSubject: Hello\r\n\r\nHi there.\r\n`), {});
    expect(parsed.subject).toBe('Hello');
    expect(parsed.text?.trim()).toBe('Hi there.');
  });
});

describe('parsing a message too complex to read', () => {
  it('reads only the top header block and puts a plain note in place of the text', async () => {
    // Prepare
    const raw = mailWithParts(5_000, { from, subject: 'All our invoices', messageId: '<many@customer.test>' });

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail).toMatchObject({
      from: { address: from, name: 'Ann Example' },
      to: [{ address: 'support@example.test' }],
      subject: 'All our invoices',
      messageId: '<many@customer.test>',
      date: '2026-11-10T09:30:00.000Z',
      attachments: [],
      bodyUndecoded: false,
      tooComplex: { limit: 'parts', found: 5_000, max: MAX_MIME_PARTS },
      signals: { fromAddress: from },
    });
    expect(mail.text).toBe(
      'This message is too complex to read here (5,000 MIME parts; the limit is 500), so none of its text or attachments were taken in. The raw message is kept as it came: "support cases show" with this case number prints its key.',
    );
  });

  it('counts "at least" the parts of a message of which only the start was read', async () => {
    const start = mailWithParts(5_000, { from }).subarray(0, 64 * 1024);
    const mail = await parseMessage(start, { truncated: true });
    expect(mail.tooComplex).toEqual({
      limit: 'parts',
      found: measureMimeShape(start, MAX_MIME_DEPTH).parts,
      max: MAX_MIME_PARTS,
      atLeast: true,
    });
    expect(mail.text).toMatch(
      /^This message is too complex to read here \(at least \d{3} MIME parts; the limit is 500\)/,
    );
  });

  it('says how deep the limit is for nesting, without a count it did not make', async () => {
    const mail = await parseMessage(mailNested(200, { from }));
    expect(mail.tooComplex).toEqual({ limit: 'depth', max: MAX_MIME_DEPTH });
    expect(mail.text).toMatch(
      /^This message is too complex to read here \(MIME parts nested more than 50 levels deep\)/,
    );
  });

  it('keeps the fields before the cut of a top header block that never ends', async () => {
    const endless = Buffer.from(
      `From: ${from}\r\nSubject: Endless\r\n${'X-Filler: yes\r\n'.repeat(MAX_HEADER_BYTES / 10)}`,
    );
    const mail = await parseMessage(endless);
    expect(mail).toMatchObject({ from: { address: from }, subject: 'Endless', tooComplex: { limit: 'header-bytes' } });
  });

  it('treats a parse that outlasts its deadline like a message past the limits', async () => {
    // Prepare: an ordinary 4 MB message; no parse of it finishes within a millisecond.
    const attachment = randomBytes(3 * 1024 * 1024)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const raw = Buffer.from(
      `From: ${from}\r\nSubject: Logs\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}\r\n--b--\r\n`,
    );

    // Act
    const mail = await parseMessage(raw, { deadlineMs: 1 });

    // Assess
    expect(mail).toMatchObject({ subject: 'Logs', attachments: [], tooComplex: { limit: 'parse-time', max: 1 } });
    expect(mail.text).toMatch(/^This message is too complex to read here \(reading it took over 0\.001 seconds\)/);
  });
});
