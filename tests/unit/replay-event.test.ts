import { describe, expect, it } from 'vitest';
import { receiptsOf } from '../../functions/inbound/ses-receipt-event.ts';
import { readLambdaFailureRecord, readLocalDeadLetter } from '../../infra/cli/dead-letter-records.ts';
import { readRecordedReceipt, replayEvent, sesMessageIdOfKey } from '../../infra/cli/replay-event.ts';

const SENDERS_MESSAGE = [
  'From: Maria Lopez <maria@staff.example.com>',
  'To: support+1001-a1b2-abcdefghijklmnop@example.test',
  'Cc: bob@customer.test, help@example.test',
  'Subject: Re: [Case #1001] New case',
  'Message-ID: <m-1@staff.example.com>',
  '',
  '#pending',
  '',
  'On its way.',
].join('\r\n');
const FALLBACK = new Date('2026-12-02T12:00:00.000Z');

/** The headers SES's S3 action (and the local ingress) put above the sender's own. */
const sesHeaders = (verdicts: string) =>
  [
    'Return-Path: <maria@staff.example.com>',
    'Received: from mail.staff.example.com (203.0.113.7) by inbound-smtp.eu-west-1.amazonaws.com with SMTP id 0a1b2c for support+1001-a1b2-abcdefghijklmnop@example.test; Tue, 01 Dec 2026 09:30:00 +0000',
    'X-SES-Spam-Verdict: PASS',
    'X-SES-Virus-Verdict: PASS',
    `Authentication-Results: amazonses.com; ${verdicts}`,
  ].join('\r\n');

describe('rebuilding the receipt of a stored message for a replay', () => {
  it('reads sender, recipients, time and verdicts from the headers SES wrote on receipt', () => {
    const raw = Buffer.from(
      `${sesHeaders('spf=pass smtp.mailfrom=maria@staff.example.com; dkim=pass header.i=@staff.example.com; dmarc=pass header.from=staff.example.com;')}\r\n${SENDERS_MESSAGE}`,
    );

    const receipt = readRecordedReceipt(raw, ['example.test'], FALLBACK);

    expect(receipt).toEqual({
      envelopeSender: 'maria@staff.example.com',
      recipients: ['support+1001-a1b2-abcdefghijklmnop@example.test'],
      verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      receivedAt: new Date('2026-12-01T09:30:00.000Z'),
      unproven: [],
    });
  });

  it('builds the event the inbound function reads, as the local ingress does', () => {
    const raw = Buffer.from(`${sesHeaders('spf=gray; dkim=fail; dmarc=fail')}\r\n${SENDERS_MESSAGE}`);

    const [receipt] = receiptsOf(
      replayEvent(raw, '0a1b2c', readRecordedReceipt(raw, ['example.test'], FALLBACK), 'eu-west-1'),
    );

    expect(receipt).toEqual({
      sesMessageId: '0a1b2c',
      envelopeSender: 'maria@staff.example.com',
      recipients: ['support+1001-a1b2-abcdefghijklmnop@example.test'],
      receivedAt: '2026-12-01T09:30:00.000Z',
      verdicts: { spam: 'PASS', virus: 'PASS', spf: 'GRAY', dkim: 'FAIL', dmarc: 'FAIL' },
    });
  });

  it("never takes verdicts from the sender: results below the sender's own trace headers count for nothing", () => {
    // A message whose receipt headers carry no results, with forged ones in the sender's part.
    const forged = [
      'Received: from attacker.test by mx.attacker.test; Tue, 01 Dec 2026 09:29:00 +0000',
      'Authentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass',
    ].join('\r\n');
    const withoutResults = sesHeaders('x')
      .split('\r\n')
      .filter((h) => !h.startsWith('Authentication-Results'))
      .join('\r\n');
    const raw = Buffer.from(`${withoutResults}\r\n${forged}\r\n${SENDERS_MESSAGE}`);

    const receipt = readRecordedReceipt(raw, ['example.test'], FALLBACK);

    expect(receipt.verdicts).toEqual({ spam: 'PASS', virus: 'PASS', spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' });
    expect(receipt.unproven).toEqual(['spf', 'dkim', 'dmarc']);
  });

  it('replays a message SES never stamped as unproven, to our addresses in To and Cc', () => {
    const receipt = readRecordedReceipt(Buffer.from(SENDERS_MESSAGE), ['example.test'], FALLBACK);

    expect(receipt).toEqual({
      envelopeSender: '',
      recipients: ['support+1001-a1b2-abcdefghijklmnop@example.test', 'help@example.test'],
      verdicts: { spam: 'GRAY', virus: 'GRAY', spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' },
      receivedAt: FALLBACK,
      unproven: ['spam', 'virus', 'spf', 'dkim', 'dmarc'],
    });
  });

  it('takes raw keys with or without the inbound/ prefix, and nothing else', () => {
    expect(sesMessageIdOfKey('inbound/0a1b2c3d')).toBe('0a1b2c3d');
    expect(sesMessageIdOfKey('0a1b2c3d')).toBe('0a1b2c3d');
    expect(sesMessageIdOfKey('content/0a1b/text.txt')).toBeUndefined();
    expect(sesMessageIdOfKey('inbound/../secrets')).toBeUndefined();
  });
});

describe('reading receipts that failed every retry', () => {
  const event = { Records: [{ ses: { mail: { messageId: 'abc' } } }] };

  it('reads the original event from a Lambda on-failure record, with why it failed', () => {
    const body = JSON.stringify({
      version: '1.0',
      requestContext: {
        requestId: 'r',
        functionArn: 'arn:aws:lambda:eu-west-1:1:function:inbound',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: event,
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      responsePayload: {
        errorType: 'SendFailedError',
        errorMessage: 'Sending the acknowledgement of case #1001 failed',
      },
    });

    expect(readLambdaFailureRecord(body)).toEqual({
      event,
      error: 'SendFailedError: Sending the acknowledgement of case #1001 failed RetriesExhausted',
    });
  });

  it('says plainly when a queue message or a file is not one', () => {
    expect(() => readLambdaFailureRecord('{"hello":1}')).toThrow('not a Lambda on-failure record (no requestPayload)');
    expect(() => readLambdaFailureRecord('<xml/>')).toThrow('not JSON');
    expect(readLocalDeadLetter({ event, error: 'Error: boom' })).toEqual({ event, error: 'Error: boom' });
    expect(() => readLocalDeadLetter({ error: 'no event' })).toThrow(/not a dead letter/);
  });
});
