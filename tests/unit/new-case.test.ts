import { describe, expect, it } from 'vitest';
import {
  inboundMessage,
  intakeKeyFor,
  MAX_TEXT_SUMMARY_CHARS,
  newCase,
  type InboundMailFacts,
} from '../../functions/core/new-case.ts';

const mail: InboundMailFacts = {
  sesMessageId: 'ses-1',
  rawKey: 'inbound/ses-1',
  receivedAt: '2026-11-22T08:00:00.000Z',
  from: { address: 'ana@customer.test', name: 'Ana' },
  to: [{ address: 'support@example.test' }],
  cc: [
    { address: 'Bob@Customer.test' },
    { address: 'sales@example.test' },
    { address: 'ana@customer.test' },
    { address: 'team@staff.test' },
  ],
  subject: 'Order 4711',
  messageId: '<m1@customer.test>',
  references: [],
  text: 'x'.repeat(MAX_TEXT_SUMMARY_CHARS + 10),
};

describe('opening a case from a first mail', () => {
  it('makes the sender the requester and takes the customer side it is given', () => {
    const opened = newCase({
      caseId: 'c1',
      caseNumber: 1001,
      mail,
      flags: ['truncated'],
      participants: ['ana@customer.test', 'bob@customer.test'],
    });
    expect(opened).toEqual({
      caseId: 'c1',
      caseNumber: 1001,
      version: 1,
      subject: 'Order 4711',
      requester: { address: 'ana@customer.test', name: 'Ana' },
      participants: ['ana@customer.test', 'bob@customer.test'],
      status: 'new',
      priority: 'normal',
      flags: ['truncated'],
      createdAt: mail.receivedAt,
      updatedAt: mail.receivedAt,
      awaitingAnswerSince: mail.receivedAt,
      lastCustomerMessageId: '<m1@customer.test>',
      threadReferences: ['<m1@customer.test>'],
      recent: [
        { at: mail.receivedAt, kind: 'customer', who: 'Ana <ana@customer.test>', snippet: `${'x'.repeat(159)}…` },
      ],
    });
  });

  it('keeps only the start of the text in the item and falls back to the receipt time for a missing Date', () => {
    const message = inboundMessage(1001, 'MSG#1', mail, { textKey: 'content/ses-1/body.txt', attachments: [] });
    expect(message.textSummary).toHaveLength(MAX_TEXT_SUMMARY_CHARS);
    expect(message.textKey).toBe('content/ses-1/body.txt');
    expect(message.date).toBe(mail.receivedAt);
    expect(message.direction).toBe('inbound');
  });
});

describe('recognising the same mail twice', () => {
  it('gives one key to two receipts of one message from one sender', () => {
    expect(intakeKeyFor({ ...mail, sesMessageId: 'a' })).toBe(intakeKeyFor({ ...mail, sesMessageId: 'b' }));
  });

  it('gives a stranger reusing the Message-ID a different key', () => {
    expect(intakeKeyFor(mail)).not.toBe(intakeKeyFor({ ...mail, from: { address: 'mallory@evil.test' } }));
  });

  it('falls back to the SES receipt id when there is no Message-ID', () => {
    expect(intakeKeyFor({ sesMessageId: 'ses-9' })).toBe('ses:ses-9');
  });
});
