import type { SESEvent, SESMailCommonHeaders, SESReceiptStatus } from 'aws-lambda';
import type { ReceiptVerdicts } from '../../functions/core/intake-decision.ts';
import { headerValue, readHeaderBlock, type HeaderBlock } from './raw-headers.ts';

/** SES stops listing headers in the event past this size and sets `headersTruncated`. */
const MAX_EVENT_HEADER_BYTES = 10 * 1024;

export interface ReceiptFacts {
  readonly sesMessageId: string;
  readonly envelopeSender: string;
  readonly recipients: readonly string[];
  readonly verdicts: ReceiptVerdicts;
  readonly receivedAt: Date;
  readonly region: string;
  readonly functionName: string;
}

/** The event SES's receipt-rule Lambda action delivers, built for a message received locally. */
export function buildReceiptEvent(raw: Buffer, facts: ReceiptFacts): SESEvent {
  const block = readHeaderBlock(raw);
  const headers: Array<{ name: string; value: string }> = [];
  let size = 0;
  for (const [name, value] of block.headers) {
    size += name.length + value.length;
    if (size > MAX_EVENT_HEADER_BYTES) break;
    headers.push({ name, value });
  }
  const timestamp = facts.receivedAt.toISOString();
  const status = (s: string): SESReceiptStatus => ({ status: s as SESReceiptStatus['status'] });
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: facts.envelopeSender,
            messageId: facts.sesMessageId,
            destination: [...facts.recipients],
            headersTruncated: headers.length < block.headers.length,
            headers,
            commonHeaders: commonHeaders(block, facts.envelopeSender),
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients: [...facts.recipients],
            spamVerdict: status(facts.verdicts.spam),
            virusVerdict: status(facts.verdicts.virus),
            spfVerdict: status(facts.verdicts.spf),
            dkimVerdict: status(facts.verdicts.dkim),
            dmarcVerdict: status(facts.verdicts.dmarc),
            action: {
              type: 'Lambda',
              invocationType: 'Event',
              functionArn: `arn:aws:lambda:${facts.region}:000000000000:function:${facts.functionName}`,
            },
          },
        },
      },
    ],
  };
}

function commonHeaders(block: HeaderBlock, returnPath: string): SESMailCommonHeaders {
  const one = (name: string) => headerValue(block, name);
  const list = (name: string) => {
    const value = one(name);
    return value === undefined ? undefined : [value];
  };
  const from = list('from');
  const to = list('to');
  const subject = one('subject');
  return {
    returnPath,
    // SES always lists these two, empty when the message lacks them.
    date: one('date') ?? '',
    messageId: one('message-id') ?? '',
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(subject ? { subject } : {}),
  };
}
