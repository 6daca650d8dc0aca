import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../functions/mail/parse-message.ts';

describe('copied addresses as agents see them', () => {
  it('carry no bidirectional override or zero-width character to disguise them', async () => {
    // Prepare: raw UTF-8 in Cc; U+202E would show "moc.tset@eve" to an agent as "eve@test.com"
    const raw = Buffer.from(
      'From: ana@customer.test\r\nTo: support@example.test\r\nCc: "Eve" <\u202Emoc.tset@eve>, bob\u200B@customer.test\r\nSubject: Hi\r\n\r\nHello.\r\n',
      'utf8',
    );

    // Act
    const mail = await parseMessage(raw);

    // Assess
    expect(mail.cc).toEqual([{ address: 'moc.tset@eve', name: 'Eve' }, { address: 'bob@customer.test' }]);
  });
});
