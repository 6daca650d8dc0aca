import type { IntakeRecord } from '../core/intake-record.ts';
import type { CaseMessage, MessageDirection, SupportCase } from '../core/support-case.ts';
import { caseKey, intakeKey, messageIdKey, messageItemKey } from './case-keys.ts';
import { statusIndexKeys } from './status-keys.ts';
import { withoutTableKeys } from './table-reads.ts';

/** The items the case table holds, as the stores write them: each its keys, its type, and its fields. */

/** Seconds in a day, for TTL arithmetic. */
const DAY_S = 86_400;

/**
 * The intake record's item. With retention on (`solvedCaseRetentionDays`), it expires that many
 * days after the mail came: it serves exactly-once intake and the outbox, both done within hours.
 */
export function intakeItem(intake: IntakeRecord, solvedCaseRetentionDays?: number): Record<string, unknown> {
  const { pendingSends, ...rest } = intake;
  const expiresAt =
    solvedCaseRetentionDays === undefined
      ? undefined
      : Math.floor(Date.parse(intake.receivedAt) / 1000) + solvedCaseRetentionDays * DAY_S;
  // DynamoDB has no empty sets: an intake with nothing to send simply has no pendingSends.
  return {
    ...intakeKey(intake.intakeKey),
    type: 'intake',
    ...rest,
    ...(pendingSends && pendingSends.size > 0 ? { pendingSends: new Set(pendingSends) } : {}),
    ...(expiresAt === undefined || Number.isNaN(expiresAt) ? {} : { expiresAt }),
  };
}

/** The case's item; `expiresAt` is its TTL as retention sets it (caseExpiresAt), and a Put without one clears it. */
export function caseItem(supportCase: SupportCase, expiresAt?: number): Record<string, unknown> {
  const { expiresAt: _stored, ...fields } = supportCase;
  return {
    ...caseKey(supportCase.caseNumber),
    type: 'case',
    ...fields,
    // After the case's own fields: the index keys always follow the case as it is now.
    ...statusIndexKeys(supportCase),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

export function messageItem(message: CaseMessage, expiresAt?: number): Record<string, unknown> {
  return {
    ...messageItemKey(message.caseNumber, message.messageKey),
    type: 'message',
    ...message,
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

export function messageIdItem(
  messageId: string,
  caseNumber: number,
  direction: MessageDirection,
  expiresAt?: number,
): Record<string, unknown> {
  return {
    ...messageIdKey(messageId),
    type: 'messageId',
    messageId,
    caseNumber,
    direction,
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

/** An item as the domain reads it: its fields without the table's keys. */
export const fromItem = withoutTableKeys;
