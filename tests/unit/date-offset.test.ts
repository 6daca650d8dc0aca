import { describe, expect, it } from 'vitest';
import { dateHeaderOffset, readDateOffset } from '../../functions/mail/date-offset.ts';
import { parseMessage } from '../../functions/mail/parse-message.ts';

describe("the customer's UTC offset, read from their Date header", () => {
  it.each([
    ['Mon, 7 Dec 2026 14:05:09 +0100', 60],
    ['Mon, 7 Dec 2026 08:05:09 -0500', -300],
    ['Mon, 7 Dec 2026 18:35:09 +0530', 330],
    ['Mon, 7 Dec 2026 13:05:09 +0000', 0],
    ['7 Dec 2026 14:05 +0100', 60],
    ['Mon, 7 Dec 2026 14:05:09 +0100 (CET)', 60],
    ['Mon,  7 Dec 2026\r\n 14:05:09 +0100', 60],
    ['Mon, 7 Dec 2026 09:05:09 EST', -300],
    ['Mon, 7 Dec 2026 06:05:09 pdt', -420],
    ['Mon, 7 Dec 2026 13:05:09 GMT', 0],
    ['Tue, 8 Dec 2026 02:45:00 +1345', 825],
  ])('"%s" is %i minutes east of UTC', (value, minutes) => {
    expect(readDateOffset(value)).toBe(minutes);
  });

  it.each([
    ['-0000, which RFC 5322 reserves for "local time unknown"', 'Mon, 7 Dec 2026 13:05:09 -0000'],
    ['a military letter, whose sign RFC 822 got wrong', 'Mon, 7 Dec 2026 13:05:09 Z'],
    ['a zone name RFC 5322 does not define', 'Mon, 7 Dec 2026 14:05:09 CET'],
    ['no zone at all', 'Mon, 7 Dec 2026 14:05:09'],
    ['an offset past UTC+14:00', 'Mon, 7 Dec 2026 14:05:09 +1500'],
    ['minutes past 59', 'Mon, 7 Dec 2026 14:05:09 +0175'],
    ['garbage', 'yesterday-ish +0100'],
    ['an empty header', ''],
  ])('is unknown for %s', (_what, value) => {
    expect(readDateOffset(value)).toBeUndefined();
  });

  it('is read from the first Date field of the raw header lines, whatever its case', () => {
    const lines = [
      { key: 'from', line: 'From: Ana <ana@customer.test>' },
      { key: 'date', line: 'DATE: Mon, 7 Dec 2026 14:05:09 +0100' },
      { key: 'date', line: 'Date: Mon, 7 Dec 2026 08:05:09 -0500' },
    ];
    expect(dateHeaderOffset(lines)).toBe(60);
    expect(dateHeaderOffset([])).toBeUndefined();
  });

  it('reaches the parsed mail beside the date mailparser keeps in UTC', async () => {
    // Prepare
    const raw = Buffer.from(
      'From: Ana <ana@customer.test>\r\nTo: support@example.test\r\nSubject: Hi\r\n' +
        'Date: Mon, 7 Dec 2026 18:35:09 +0530\r\n\r\nHello\r\n',
    );

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail.date).toBe('2026-12-07T13:05:09.000Z');
    expect(mail.dateOffsetMinutes).toBe(330);
  });

  it('leaves the offset out of a parsed mail whose Date says -0000', async () => {
    const raw = Buffer.from(
      'From: ana@customer.test\r\nTo: support@example.test\r\nDate: Mon, 7 Dec 2026 13:05:09 -0000\r\n\r\nHi\r\n',
    );
    const mail = await parseMessage(raw);
    expect(mail.date).toBe('2026-12-07T13:05:09.000Z');
    expect(mail).not.toHaveProperty('dateOffsetMinutes');
  });
});
