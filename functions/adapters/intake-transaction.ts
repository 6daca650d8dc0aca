import type { FloodCounting } from './flood-counters.ts';
import { floodCounterUpdates } from './flood-counters.ts';
import { caseExpiresAt } from '../core/customer-data.ts';
import type { IntakeRecord } from '../core/intake-record.ts';
import type { SenderBlock } from '../core/sender-blocks.ts';
import type { CaseMessage, SupportCase } from '../core/support-case.ts';
import { blockItem } from './block-store.ts';
import { caseItem, intakeItem, messageIdItem, messageItem } from './case-items.ts';
import { autoReplyCounterKey, suppressionKey } from './case-keys.ts';

/** What one mail's intake commits, in one transaction. */
export interface IntakeCommit {
  readonly intake: IntakeRecord;
  readonly supportCase?: SupportCase;
  readonly isNewCase?: boolean;
  readonly message?: CaseMessage;
  readonly newMessageIds?: readonly string[];
  /** Counts one automatic message to `address`, failing the write with 'rate-limited' past `limit` this hour. */
  readonly autoReply?: { readonly address: string; readonly limit: number; readonly now: Date };
  /** Addresses the outbox goes to that must not be on the suppression list. */
  readonly unsuppressed?: readonly string[];
  /** Counts a new case or a folded mail on the flood counters; 'flooded' when a racing mail changed them first. */
  readonly flood?: FloodCounting;
  /** The case a `#merge` closed this one into: updated if its version is unchanged. */
  readonly survivor?: SupportCase;
  /** A sender block a `#spam` sets. */
  readonly block?: SenderBlock;
}

/** Why DynamoDB cancelled an intake's transaction, read from the cancellation reasons in item order. */
export type IntakeRefusal = 'duplicate' | 'rate-limited' | 'suppressed' | 'flooded';

/**
 * The items of an intake's transaction (intake, case, message, Message-ID lookups, suppression
 * checks, flood counters, automatic-mail counter, in that order), and which condition a
 * cancellation names: the order is what lets the reasons be read back.
 */
export function intakeTransaction(tableName: string, input: IntakeCommit, solvedCaseRetentionDays?: number) {
  const { intake, supportCase, message } = input;
  const caseExpiry = supportCase === undefined ? undefined : caseExpiresAt(supportCase, solvedCaseRetentionDays);
  const put = (item: Record<string, unknown>, condition?: string, values?: Record<string, unknown>) => ({
    Put: {
      TableName: tableName,
      Item: item,
      ...(condition ? { ConditionExpression: condition } : {}),
      ...(values ? { ExpressionAttributeValues: values } : {}),
    },
  });
  const caseWrite =
    supportCase === undefined
      ? []
      : input.isNewCase
        ? [put(caseItem(supportCase, caseExpiry), 'attribute_not_exists(pk)')]
        : [put(caseItem(supportCase, caseExpiry), 'version = :previous', { ':previous': supportCase.version - 1 })];
  const unsuppressed = (input.unsuppressed ?? []).map((address) => ({
    ConditionCheck: {
      TableName: tableName,
      Key: suppressionKey(address),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
  const flood = input.flood === undefined ? [] : floodCounterUpdates(tableName, input.flood);
  // Both cases of a merge change together or not at all; the conditions are read from the end below.
  const survivor =
    input.survivor === undefined
      ? []
      : [put(caseItem(input.survivor), 'version = :previous', { ':previous': input.survivor.version - 1 })];
  const items = [
    put(intakeItem(intake, solvedCaseRetentionDays), 'attribute_not_exists(pk)'),
    ...caseWrite,
    ...survivor,
    ...(input.block === undefined ? [] : [put(blockItem(input.block))]),
    ...(message === undefined ? [] : [put(messageItem(message, caseExpiry))]),
    ...(input.newMessageIds ?? []).map((id) =>
      put(messageIdItem(id, message?.caseNumber ?? 0, 'inbound', caseExpiry), 'attribute_not_exists(pk)'),
    ),
    ...unsuppressed,
    ...flood,
    ...(input.autoReply === undefined ? [] : [countAutoReply(tableName, input.autoReply)]),
  ];
  const refusedBy = (reasons: ReadonlyArray<{ readonly Code?: string | undefined }>): IntakeRefusal | undefined => {
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
    const checksAt = reasons.length - unsuppressed.length - flood.length - (input.autoReply === undefined ? 0 : 1);
    const failed = (from: number, count: number) =>
      reasons.slice(from, from + count).some((r) => r.Code === 'ConditionalCheckFailed');
    if (failed(checksAt, unsuppressed.length)) return 'suppressed';
    if (failed(checksAt + unsuppressed.length, flood.length)) return 'flooded';
    if (input.autoReply !== undefined && reasons.at(-1)?.Code === 'ConditionalCheckFailed') return 'rate-limited';
    return undefined;
  };
  return { items, refusedBy };
}

/** One more automatic message to an address this hour, refused past its limit. */
function countAutoReply(
  tableName: string,
  { address, limit, now }: { readonly address: string; readonly limit: number; readonly now: Date },
) {
  const hour = Math.floor(now.getTime() / 3_600_000);
  return {
    Update: {
      TableName: tableName,
      Key: autoReplyCounterKey(address, hour),
      UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count' },
      // Kept a day past its hour, then DynamoDB's TTL deletes it.
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': (hour + 25) * 3600 },
    },
  };
}
