import type { IntakeRecord } from '../core/intake-record.ts';
import type { CaseMessage, MessageDirection, SupportCase } from '../core/support-case.ts';
import { caseKey, intakeKey, messageIdKey, messageItemKey } from './case-keys.ts';
import { statusIndexKeys } from './status-keys.ts';
import { withoutTableKeys } from './table-reads.ts';

/** The items the case table holds, as the stores write them: each its keys, its type, and its fields. */

export function intakeItem(intake: IntakeRecord): Record<string, unknown> {
  const { pendingSends, ...rest } = intake;
  // DynamoDB has no empty sets: an intake with nothing to send simply has no pendingSends.
  return {
    ...intakeKey(intake.intakeKey),
    type: 'intake',
    ...rest,
    ...(pendingSends && pendingSends.size > 0 ? { pendingSends: new Set(pendingSends) } : {}),
  };
}

export function caseItem(supportCase: SupportCase): Record<string, unknown> {
  return {
    ...caseKey(supportCase.caseNumber),
    type: 'case',
    ...supportCase,
    // After the case's own fields: the index keys always follow the case as it is now.
    ...statusIndexKeys(supportCase),
  };
}

export function messageItem(message: CaseMessage): Record<string, unknown> {
  return { ...messageItemKey(message.caseNumber, message.messageKey), type: 'message', ...message };
}

export function messageIdItem(
  messageId: string,
  caseNumber: number,
  direction: MessageDirection,
): Record<string, unknown> {
  return { ...messageIdKey(messageId), type: 'messageId', messageId, caseNumber, direction };
}

/** An item as the domain reads it: its fields without the table's keys. */
export const fromItem = withoutTableKeys;
