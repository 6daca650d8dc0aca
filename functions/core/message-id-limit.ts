/**
 * Longest Message-ID we keep, in UTF-8 bytes: the longest line RFC 5322 lets a header have (§2.1.1),
 * and a msg-id cannot be folded. Each id we keep becomes a DynamoDB key (`MSGID#<id>`), which
 * DynamoDB refuses past 2,048 bytes, failing the whole intake on every retry; real ids are under
 * 250 characters.
 */
export const MAX_MESSAGE_ID_BYTES = 998;

/** Whether a Message-ID (with its angle brackets) is short enough to keep and look up. */
export function isKeepableMessageId(id: string): boolean {
  return Buffer.byteLength(id, 'utf8') <= MAX_MESSAGE_ID_BYTES;
}
