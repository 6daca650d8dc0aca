/** Item keys of the single case table (pk / sk). One place, so every adapter agrees. */

/** Cases are keyed by number: tokens and subject tags name a case by number, so one read finds it. */
export const caseKey = (caseNumber: number) => ({ pk: `CASE#${caseNumber}`, sk: 'CASE' }) as const;
export const messageItemKey = (caseNumber: number, messageKey: string) => ({ pk: `CASE#${caseNumber}`, sk: messageKey }) as const;
/** Maps a wire Message-ID (ours or a customer's) to the case it belongs to. */
export const messageIdKey = (messageId: string) => ({ pk: `MSGID#${messageId}`, sk: 'MSGID' }) as const;
export const intakeKey = (key: string) => ({ pk: `INTAKE#${key}`, sk: 'INTAKE' }) as const;
export const CASE_NUMBER_COUNTER = { pk: 'COUNTER', sk: 'CASE_NUMBER' } as const;

/** Sort key of a message in its case: time-ordered, unique per SES message. */
export function messageSortKey(at: string, sesMessageId: string): string {
  return `MSG#${at}#${sesMessageId}`;
}

/** Automatic messages sent to one address in one hour (epoch hour); expires by TTL. */
export const autoReplyCounterKey = (address: string, hour: number) => ({ pk: `AUTOREPLY#${address.toLowerCase()}`, sk: `HOUR#${hour}` }) as const;
