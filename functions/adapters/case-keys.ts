/** Item keys of the single case table (pk / sk). One place, so every adapter agrees. */

export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }) as const;
export const messageItemKey = (caseId: string, messageKey: string) => ({ pk: `CASE#${caseId}`, sk: messageKey }) as const;
export const caseNumberKey = (caseNumber: number) => ({ pk: `CASENO#${caseNumber}`, sk: 'CASENO' }) as const;
/** Maps a wire Message-ID (ours or a customer's) to the case it belongs to. */
export const messageIdKey = (messageId: string) => ({ pk: `MSGID#${messageId}`, sk: 'MSGID' }) as const;
export const intakeKey = (key: string) => ({ pk: `INTAKE#${key}`, sk: 'INTAKE' }) as const;
export const CASE_NUMBER_COUNTER = { pk: 'COUNTER', sk: 'CASE_NUMBER' } as const;

/** Sort key of a message in its case: time-ordered, unique per SES message. */
export function messageSortKey(at: string, sesMessageId: string): string {
  return `MSG#${at}#${sesMessageId}`;
}
