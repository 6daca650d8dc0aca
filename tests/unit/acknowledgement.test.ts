import { describe, expect, it } from 'vitest';
import { draftAcknowledgement, greetingName } from '../../functions/core/acknowledgement.ts';
import { describeDuration } from '../../functions/core/customer-words.ts';
import { referencesForReply, sesWireMessageId } from '../../functions/core/outbound-draft.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';

const supportCase: SupportCase = {
  caseId: 'c-1',
  caseNumber: 1001,
  version: 1,
  lastCustomerMessageId: '<m2@customer.test>',
  threadReferences: ['<m1@customer.test>', '<m2@customer.test>'],
  recent: [],
  subject: 'My order never arrived',
  requester: { address: 'ana@customer.test', name: 'Ana Souza' },
  participants: ['ana@customer.test'],
  status: 'new',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
};

describe('the acknowledgement a new customer receives', () => {
  it('replies to her message in its thread, automatically, with what the templates need', () => {
    const draft = draftAcknowledgement({
      supportCase,
      requester: { address: 'ana@customer.test', name: 'Ana Souza' },
      supportName: 'Example Support',
      firstResponseHours: 4,
      times: { answerDue: 'by 12:00 today, your time', businessHoursWords: 'Monday to Friday, 09:00–17:00 (UTC)' },
      replyAddresses: {
        forCustomer: (n, r) => `support+${n}-${r}@example.test`,
        forAgents: (n) => `support+${n}-agents@example.test`,
      },
    });
    expect(draft).toEqual({
      kind: 'acknowledgement',
      caseNumber: 1001,
      fromName: 'Example Support',
      to: [{ address: 'ana@customer.test', name: 'Ana Souza' }],
      cc: [],
      replyTo: 'support+1001-ana@customer.test@example.test',
      template: 'acknowledgement',
      data: {
        greetingName: 'Ana',
        caseNumber: 1001,
        caseTag: '[Case #1001]',
        subject: 'My order never arrived',
        firstResponse: '4 business hours',
        answerDue: 'by 12:00 today, your time',
        businessHoursWords: 'Monday to Friday, 09:00–17:00 (UTC)',
        supportName: 'Example Support',
        previousCase: 0,
      },
      inReplyTo: '<m2@customer.test>',
      references: ['<m1@customer.test>', '<m2@customer.test>'],
      automatic: true,
      customerFacing: true,
      attachments: [],
    });
  });

  it('has no In-Reply-To when the customer message had no Message-ID', () => {
    const { lastCustomerMessageId: _none, ...withoutMessageId } = supportCase;
    const draft = draftAcknowledgement({
      supportCase: { ...withoutMessageId, threadReferences: [] },
      requester: { address: 'a@b.test' },
      supportName: 'S',
      firstResponseHours: 1,
      times: { answerDue: '', businessHoursWords: '' },
      replyAddresses: { forCustomer: () => 'r@example.test', forAgents: () => 'a@example.test' },
    });
    expect(draft.inReplyTo).toBeUndefined();
    expect(draft.references).toEqual([]);
  });

  it.each([
    [{ address: 'ana@customer.test', name: 'Ana Souza' }, 'Ana'],
    [{ address: 'ana@customer.test', name: 'Souza, Ana' }, 'Ana'],
    [{ address: 'ana@customer.test', name: '"ana@customer.test"' }, ''],
    [{ address: 'ana@customer.test' }, ''],
  ])('greets %j as %s', (person, expected) => {
    expect(greetingName(person)).toBe(expected);
  });

  it.each([
    [0.5, '30 minutes'],
    [1, '1 hour'],
    [4, '4 hours'],
    [36, '36 hours'],
    [48, '2 days'],
    [24 * 7, '7 days'],
  ])('describes %s hours as "%s"', (hours, words) => {
    expect(describeDuration(hours)).toBe(words);
  });
});

describe('threading headers', () => {
  it('builds References from the parent chain and the parent id, without repeats', () => {
    expect(referencesForReply({ messageId: '<b@x>', references: ['<a@x>', '<a@x>'] })).toEqual(['<a@x>', '<b@x>']);
  });

  it('keeps the first and the latest ids of a very long chain', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`);
    const refs = referencesForReply({ messageId: '<last@x>', references: chain });
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<m0@x>');
    expect(refs.at(-1)).toBe('<last@x>');
  });

  it('writes the Message-ID SES puts on the wire, with the us-east-1 exception', () => {
    expect(sesWireMessageId('0102abc', 'eu-west-1')).toBe('<0102abc@eu-west-1.amazonses.com>');
    expect(sesWireMessageId('0100abc', 'us-east-1')).toBe('<0100abc@email.amazonses.com>');
  });
});

describe('business time in words', () => {
  it.each([
    [0.5, '30 business minutes'],
    [1, '1 business hour'],
    [48, '48 business hours'],
  ])('describes %s business hours as "%s", never as days', (hours, words) => {
    expect(describeDuration(hours, 'business ')).toBe(words);
  });
});
