import { describe, expect, it } from 'vitest';
import { readBounceReport } from '../../functions/core/bounce.ts';
import { MAX_MESSAGE_ID_BYTES } from '../../functions/core/message-id-limit.ts';
import { normaliseMessageId } from '../../functions/mail/parse-message.ts';

/** An id of exactly `bytes` UTF-8 bytes, brackets included. */
const idOf = (bytes: number) => `<${'x'.repeat(bytes - '<@c.test>'.length)}@c.test>`;

describe('Message-IDs too long to keep as a key', () => {
  it('are dropped from what we read of a mail; one of the longest length a header line allows is kept', () => {
    expect(normaliseMessageId(idOf(MAX_MESSAGE_ID_BYTES))).toBe(idOf(MAX_MESSAGE_ID_BYTES));
    expect(normaliseMessageId(idOf(MAX_MESSAGE_ID_BYTES + 1))).toBeUndefined();
  });

  it('count in UTF-8 bytes, as DynamoDB counts its keys', () => {
    expect(normaliseMessageId(`<${'ü'.repeat(600)}@c.test>`)).toBeUndefined();
  });

  it('are not looked up from a bounce that quotes one', () => {
    const report = readBounceReport(
      `Final-Recipient: rfc822; ana@c.test\r\nStatus: 5.1.1\r\n\r\nMessage-ID: ${idOf(3000)}\r\nX-Original-Message-ID: <ours@eu-west-1.amazonses.com>\r\n`,
    );
    expect(report?.quotedMessageIds).toEqual(['<ours@eu-west-1.amazonses.com>']);
  });
});
