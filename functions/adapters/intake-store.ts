import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { caseExpiresAt } from '../core/customer-data.ts';
import { CaseExpiry } from './case-expiry.ts';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FloodKeys } from '../core/flood-guard.ts';
import type { IntakeRecord } from '../core/intake-record.ts';
import type { CaseMessage, MessageDirection, SupportCase } from '../core/support-case.ts';
import { fromItem, messageIdItem, messageItem } from './case-items.ts';
import { blockValuesFor, type SenderBlock } from '../core/sender-blocks.ts';
import { blockKey, caseKey, intakeKey, messageIdKey } from './case-keys.ts';
import { floodCounterKeys, floodCountsOf } from './flood-counters.ts';
import { intakeTransaction, type IntakeCommit } from './intake-transaction.ts';
import { SuppressionStore } from './suppression-store.ts';
import { batchGetAll, MAX_BATCH_GET_KEYS } from './table-reads.ts';
import { transactRetryingConflicts } from './transaction-conflicts.ts';

export interface KnownMessage {
  readonly caseNumber: number;
  readonly direction: MessageDirection;
}

/**
 * Intake records in the case table: the lookups and guards that keep intake exactly-once, the
 * commit of what a mail changes, and the outbox each intake sends from.
 */
export class IntakeStore {
  /** The suppression list, kept in the same table; every commit and every send checks it. */
  readonly suppressions: SuppressionStore;

  /** Stamps a solved case's expiry on the rest of its items (retention on). */
  private readonly expiry: CaseExpiry;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Days a solved case is kept (LifecyclePolicy.solvedCaseRetentionDays); undefined: for ever. */
    private readonly solvedCaseRetentionDays?: number,
  ) {
    this.suppressions = new SuppressionStore(doc, tableName);
    this.expiry = new CaseExpiry(doc, tableName, solvedCaseRetentionDays !== undefined);
  }

  /**
   * One consistent BatchGet for what intake needs up front: whether this mail was taken in before,
   * which Message-IDs belong to a case, the cases named by number, this hour's flood counters of
   * the sender and its domain, and the blocks on `blockedSender`'s address and domain (`#spam`).
   */
  async lookUp(
    key: string,
    messageIds: readonly string[],
    caseNumbers: readonly number[],
    flood?: FloodKeys,
    blockedSender?: string,
  ) {
    const known = new Map<string, KnownMessage>();
    const cases = new Map<number, SupportCase>();
    let intake: IntakeRecord | undefined;
    const counters: Array<Record<string, unknown>> = [];
    const blocks: SenderBlock[] = [];
    const counterKeys = flood === undefined ? [] : floodCounterKeys(flood);
    const blockKeys = blockedSender === undefined ? [] : blockValuesFor(blockedSender).map(blockKey);
    const ids = [...new Set(messageIds)].slice(0, 60);
    const fixedKeys = [intakeKey(key), ...counterKeys, ...blockKeys, ...ids.map(messageIdKey)];
    const numbers = [...new Set(caseNumbers)].slice(0, MAX_BATCH_GET_KEYS - fixedKeys.length);
    await this.batchGet([...fixedKeys, ...numbers.map(caseKey)], (item) => {
      if (item.type === 'intake') intake = fromItem<IntakeRecord>(item);
      else if (item.type === 'block') blocks.push(fromItem<SenderBlock>(item));
      else if (counterKeys.some((k) => k.pk === item.pk)) counters.push(item);
      else if (item.type === 'case') cases.set(Number(item.caseNumber), fromItem<SupportCase>(item));
      else
        known.set(String(item.messageId), {
          caseNumber: Number(item.caseNumber),
          direction: item.direction as MessageDirection,
        });
    });
    return {
      intake,
      known,
      cases,
      blocks,
      ...(flood === undefined ? {} : { floods: floodCountsOf(flood, counters) }),
    };
  }

  /** This hour's flood counters of a sender and its domain (consistent reads). */
  async readFloodCounts(flood: FloodKeys) {
    const counters: Array<Record<string, unknown>> = [];
    await this.batchGet(floodCounterKeys(flood), (item) => counters.push(item));
    return floodCountsOf(flood, counters);
  }

  /**
   * Writes the intake record (with its outbox), the case (created, or updated if its version is
   * unchanged), the message and its Message-ID lookups in one transaction. 'duplicate' when this
   * mail was already taken in; a case changed under us throws, and the retry starts over.
   * 'suppressed' when one of `unsuppressed` is on the suppression list: the check rides in the same
   * transaction, so a send costs no read of its own (the caller looks up why, and commits again).
   */
  async commitIntake(
    input: IntakeCommit,
  ): Promise<'created' | 'duplicate' | 'rate-limited' | 'suppressed' | 'flooded'> {
    const transaction = intakeTransaction(this.tableName, input, this.solvedCaseRetentionDays);
    try {
      await transactRetryingConflicts(this.doc, new TransactWriteCommand({ TransactItems: transaction.items }));
      const { supportCase } = input;
      // A solve or a reopen changes the case's expiry (the case carries the one it was read with).
      if (this.solvedCaseRetentionDays !== undefined && supportCase !== undefined) {
        const expiresAt = caseExpiresAt(supportCase, this.solvedCaseRetentionDays);
        if (expiresAt !== supportCase.expiresAt) await this.expiry.stamp(supportCase.caseNumber, expiresAt);
      }
      return 'created';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const refusal = transaction.refusedBy(error.CancellationReasons ?? []);
      if (refusal === undefined) throw error;
      return refusal;
    }
  }

  async getIntake(key: string): Promise<IntakeRecord | undefined> {
    const response = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: intakeKey(key), ConsistentRead: true }),
    );
    return response.Item === undefined ? undefined : fromItem<IntakeRecord>(response.Item);
  }

  /** Takes the right to send the outbox until `leaseUntil`; false if sent already or a live lease is held. */
  async claimOutbox(key: string, now: number, leaseUntil: number): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: intakeKey(key),
        UpdateExpression: 'SET leaseUntil = :lease',
        ConditionExpression:
          'attribute_exists(pendingSends) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeValues: { ':lease': leaseUntil, ':now': now },
      }),
    );
  }

  /** Gives up a lease this invocation holds, so a retry can send at once instead of waiting it out. */
  async releaseOutbox(key: string, leaseUntil: number): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: intakeKey(key),
        UpdateExpression: 'REMOVE leaseUntil',
        ConditionExpression: 'leaseUntil = :mine',
        ExpressionAttributeValues: { ':mine': leaseUntil },
      }),
    );
  }

  /**
   * Files sent messages in their case (customer-facing ones findable by their wire Message-ID) and
   * ticks them off the outbox, all in one transaction. A draft withheld from suppressed recipients
   * is ticked off too, its `withheld` line kept on the intake.
   */
  async recordSent(
    key: string,
    sent: ReadonlyArray<{ name: string; message?: CaseMessage; threadable?: boolean; withheld?: string }>,
  ): Promise<void> {
    if (sent.length === 0) return;
    const caseExpiresAt = await this.expiry.current(sent.find((s) => s.message)?.message?.caseNumber);
    const withheld = sent.flatMap((s) => (s.withheld === undefined ? [] : [s.withheld]));
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: intakeKey(key),
              UpdateExpression: `DELETE pendingSends :names${withheld.length > 0 ? ' SET withheld = list_append(if_not_exists(withheld, :none), :withheld)' : ''}`,
              ExpressionAttributeValues: {
                ':names': new Set(sent.map((s) => s.name)),
                ...(withheld.length > 0 ? { ':none': [], ':withheld': withheld } : {}),
              },
            },
          },
          ...sent.flatMap(({ message, threadable }) =>
            message === undefined
              ? []
              : [
                  { Put: { TableName: this.tableName, Item: messageItem(message, caseExpiresAt) } },
                  ...(threadable && message.messageId !== undefined
                    ? [
                        {
                          Put: {
                            TableName: this.tableName,
                            Item: messageIdItem(message.messageId, message.caseNumber, 'outbound', caseExpiresAt),
                          },
                        },
                      ]
                    : []),
                ],
          ),
        ],
      }),
    );
  }

  private async batchGet(
    keys: Record<string, unknown>[],
    onItem: (item: Record<string, unknown>) => void,
  ): Promise<void> {
    for (const item of await batchGetAll(this.doc, this.tableName, keys)) onItem(item);
  }

  private async conditional(command: UpdateCommand): Promise<boolean> {
    try {
      await this.doc.send(command);
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
