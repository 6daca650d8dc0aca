import { describe, expect, it } from 'vitest';
import { composeMessage } from '../../functions/mail/compose-message.ts';

describe('the message ids we write back into In-Reply-To and References', () => {
  it('are 7-bit ASCII: an id with raw UTF-8 from a mail is left out, the others kept', async () => {
    // Prepare: a customer's client sent its Message-ID with raw UTF-8 in it
    const raw = await composeMessage({
      from: { address: 'support@example.test' },
      to: [{ address: 'ana@customer.test' }],
      content: { subject: 'Your case', text: 'Hello.', html: '<p>Hello.</p>' },
      inReplyTo: '<\u00fc\u00f1@customer.test>',
      references: ['<\u00fc\u00f1@customer.test>', '<ok@customer.test>'],
      automatic: true,
      date: new Date('2026-12-07T09:00:00Z'),
    });

    // Act
    const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';

    // Assess
    expect(head).not.toMatch(/[\x80-\xff]/);
    expect(head).not.toMatch(/^In-Reply-To:/im);
    expect(head).toMatch(/^References: <ok@customer\.test>$/m);
  });

  it('each fit one header line: an id too long for one is left out', async () => {
    const long = `<${'x'.repeat(985)}@customer.test>`;
    const raw = await composeMessage({
      from: { address: 'support@example.test' },
      to: [{ address: 'ana@customer.test' }],
      content: { subject: 'Your case', text: 'Hello.', html: '<p>Hello.</p>' },
      inReplyTo: long,
      references: [long, '<ok@customer.test>'],
      automatic: true,
      date: new Date('2026-12-07T09:00:00Z'),
    });
    const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    expect(head.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(head).toMatch(/^References: <ok@customer\.test>$/m);
  });
});
