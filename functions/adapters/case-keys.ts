/** Item keys of the single case table (pk / sk). One place, so every adapter agrees. */

/** Cases are keyed by number: tokens and subject tags name a case by number, so one read finds it. */
export const caseKey = (caseNumber: number) => ({ pk: `CASE#${caseNumber}`, sk: 'CASE' }) as const;
export const messageItemKey = (caseNumber: number, messageKey: string) =>
  ({ pk: `CASE#${caseNumber}`, sk: messageKey }) as const;
/** Maps a wire Message-ID (ours or a customer's) to the case it belongs to. */
export const messageIdKey = (messageId: string) => ({ pk: `MSGID#${messageId}`, sk: 'MSGID' }) as const;
export const intakeKey = (key: string) => ({ pk: `INTAKE#${key}`, sk: 'INTAKE' }) as const;
export const CASE_NUMBER_COUNTER = { pk: 'COUNTER', sk: 'CASE_NUMBER' } as const;
/** The team as changed with the support CLI; until it exists, the deployed configuration's team counts. */
export const TEAM_KEY = { pk: 'CONFIG', sk: 'TEAM' } as const;

/** A queue's team item: the default queue keeps TEAM_KEY, so a deployment from before queues keeps its team. */
export function teamKeyOf(queueId: string, defaultQueueId: string): { readonly pk: string; readonly sk: string } {
  return queueId === defaultQueueId ? TEAM_KEY : { pk: TEAM_KEY.pk, sk: `${TEAM_KEY.sk}#${queueId}` };
}

/** Every message of a case sorts under this prefix, so one Query reads them in order. */
export const MESSAGE_SORT_PREFIX = 'MSG#';

/** The key condition of a Query for every message item of a case (they sort by time). */
export function messagesOfCase(caseNumber: number) {
  return {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :messages)',
    ExpressionAttributeValues: { ':pk': caseKey(caseNumber).pk, ':messages': MESSAGE_SORT_PREFIX },
  };
}

/** Sort key of a message in its case: time-ordered, unique per SES message. */
export function messageSortKey(at: string, sesMessageId: string): string {
  return `${MESSAGE_SORT_PREFIX}${at}#${sesMessageId}`;
}

/** An address on the suppression list (bounced for good, or complained); lower-case. Sends skip it. */
export const suppressionKey = (address: string) =>
  ({ pk: `SUPPRESSED#${address.toLowerCase()}`, sk: 'SUPPRESSED' }) as const;

/** A suppression kept as the SHA-256 of its address (hex) after its owner's data was erased; sends honour it too. */
export const hashedSuppressionKey = (hash: string) => ({ pk: `SUPPRESSED#sha256:${hash}`, sk: 'SUPPRESSED' }) as const;

/** Automatic messages sent to one address in one hour (epoch hour); expires by TTL. */
export const autoReplyCounterKey = (address: string, hour: number) =>
  ({ pk: `AUTOREPLY#${address.toLowerCase()}`, sk: `HOUR#${hour}` }) as const;

/** The rating that counts for a case, kept with the case: changing it replaces this item. */
export const caseRatingKey = (caseNumber: number) => ({ pk: `CASE#${caseNumber}`, sk: 'RATING' }) as const;
/**
 * Every rating ever confirmed, one partition per UTC month, time-ordered, so a report reads a date
 * range with one Query per month and a month's partition stays small.
 */
export const ratingEventKey = (ratedAt: string, caseNumber: number, eventId: string) =>
  ({ pk: ratingMonthPartition(ratedAt), sk: `${ratedAt}#${caseNumber}#${eventId}` }) as const;
/** `RATINGS#2026-12` for any instant of December 2026 (UTC). */
export const ratingMonthPartition = (at: string) => `RATINGS#${at.slice(0, 7)}`;
/** The one vote a survey form's nonce may record; expires by TTL once the nonce has. */
export const surveyFormKey = (nonceId: string) => ({ pk: `SURVEYFORM#${nonceId}`, sk: 'SURVEYFORM' }) as const;

/** New cases opened (and mails folded) in one hour by one sender or one sending domain; expires by TTL. */
export const floodCounterKey = (scope: 'sender' | 'domain', who: string, hour: number) =>
  ({ pk: `FLOOD#${scope}#${who.toLowerCase()}`, sk: `HOUR#${hour}` }) as const;

/**
 * A blocked sender (`#spam`, `support blocks add`): one small partition, so `support blocks list`
 * is one Query, and a mail's address and domain are one BatchGet.
 */
export const blockKey = (value: string) => ({ pk: 'BLOCKS', sk: `BLOCK#${value.toLowerCase()}` }) as const;
export const BLOCK_PARTITION = 'BLOCKS';

/** A report mail sent (or being sent) for one period to one person, so a repeated schedule sends it once; expires by TTL. */
export const reportMailKey = (kind: string, period: string, agentId: string) =>
  ({ pk: `REPORTMAIL#${kind}#${period}`, sk: `AGENT#${agentId}` }) as const;
