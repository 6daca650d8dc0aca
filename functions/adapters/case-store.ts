import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { OutboundDraft } from '../core/outbound-draft.ts';
import type { CaseCheck } from '../core/follow-up.ts';
import type { CaseMessage, MessageDirection, SupportCase } from '../core/support-case.ts';
import { batchGetAll, MAX_BATCH_GET_KEYS, queryAll, withoutTableKeys } from './table-reads.ts';
import { autoReplyCounterKey, CASE_NUMBER_COUNTER, caseKey, intakeKey, messageIdKey, messageItemKey, messagesOfCase, suppressionKey } from './case-keys.ts';
import { SuppressionStore } from './suppression-store.ts';
import { transactRetryingConflicts } from './transaction-conflicts.ts';
import type { FloodKeys } from '../core/flood-guard.ts';
import { floodCounterKeys, floodCounterUpdates, floodCountsOf, type FloodCounting } from './flood-counters.ts';

/** Case numbers start after this, so the first case is #1001: short, and not obviously the first. */
const FIRST_CASE_NUMBER_MINUS_ONE = 1000;
/**
 * Most message items read for a transcript, newest first. A case's messages include notifications
 * and alerts that a transcript leaves out, so this reads well past MAX_TRANSCRIPT_MESSAGES.
 */
const MAX_MESSAGES_READ = 400;

/** One received mail, what became of it, and the messages it still has to send (its outbox). */
export interface IntakeRecord {
  readonly intakeKey: string;
  readonly sesMessageId: string;
  readonly rawKey: string;
  readonly receivedAt: string;
  readonly outcome: 'case-opened' | 'case-updated' | 'held' | 'ignored';
  /** Why it was held or ignored, why nobody was answered, or why it did not join the case it named. */
  readonly reason?: string;
  readonly caseNumber?: number;
  /** Drafts to send, by name; `pendingSends` names those not yet sent. */
  readonly outbox: Readonly<Record<string, OutboundDraft>>;
  /** Timed checks to queue: response-time targets and follow-ups (pending as `sla-checks`). */
  readonly slaChecks?: readonly CaseCheck[];
  readonly pendingSends?: ReadonlySet<string>;
  /** Epoch ms until which one invocation owns sending the outbox. */
  readonly leaseUntil?: number;
  /**
   * Recipients of the outbox found on the suppression list when it was committed (address → why);
   * absent when the commit did not check, and sending looks them up itself.
   */
  readonly suppressed?: Readonly<Record<string, string>>;
  /** Drafts withheld from suppressed recipients, one line each: to whom, and why. */
  readonly withheld?: readonly string[];
}

export interface KnownMessage {
  readonly caseNumber: number;
  readonly direction: MessageDirection;
}

/** The case table: cases, their messages, and the lookups and guards that keep intake exactly-once. */
export class CaseStore {
  /** The suppression list, kept in the same table; every send checks it. */
  readonly suppressions: SuppressionStore;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.suppressions = new SuppressionStore(doc, tableName);
  }

  /**
   * One consistent BatchGet for what intake needs up front: whether this mail was taken in before,
   * which Message-IDs belong to a case, the cases named by number, and this hour's flood counters
   * of the sender and its domain.
   */
  async lookUp(key: string, messageIds: readonly string[], caseNumbers: readonly number[], flood?: FloodKeys) {
    const known = new Map<string, KnownMessage>();
    const cases = new Map<number, SupportCase>();
    let intake: IntakeRecord | undefined;
    const counters: Array<Record<string, unknown>> = [];
    const counterKeys = flood === undefined ? [] : floodCounterKeys(flood);
    const ids = [...new Set(messageIds)].slice(0, 60);
    const numbers = [...new Set(caseNumbers)].slice(0, MAX_BATCH_GET_KEYS - 1 - counterKeys.length - ids.length);
    await this.batchGet([intakeKey(key), ...counterKeys, ...ids.map(messageIdKey), ...numbers.map(caseKey)], (item) => {
      if (item.type === 'intake') intake = fromItem<IntakeRecord>(item);
      else if (counterKeys.some((k) => k.pk === item.pk)) counters.push(item);
      else if (item.type === 'case') cases.set(Number(item.caseNumber), fromItem<SupportCase>(item));
      else known.set(String(item.messageId), { caseNumber: Number(item.caseNumber), direction: item.direction as MessageDirection });
    });
    return { intake, known, cases, ...(flood === undefined ? {} : { floods: floodCountsOf(flood, counters) }) };
  }

  /** This hour's flood counters of a sender and its domain (consistent reads). */
  async readFloodCounts(flood: FloodKeys) {
    const counters: Array<Record<string, unknown>> = [];
    await this.batchGet(floodCounterKeys(flood), (item) => counters.push(item));
    return floodCountsOf(flood, counters);
  }

  /** Cases by number (consistent reads). */
  async getCases(caseNumbers: readonly number[]): Promise<Map<number, SupportCase>> {
    const cases = new Map<number, SupportCase>();
    const numbers = [...new Set(caseNumbers)].slice(0, MAX_BATCH_GET_KEYS);
    if (numbers.length > 0) await this.batchGet(numbers.map(caseKey), (item) => cases.set(Number(item.caseNumber), fromItem<SupportCase>(item)));
    return cases;
  }

  /**
   * The latest messages of a case (up to MAX_MESSAGES_READ), oldest first, without the fields a
   * transcript does not need.
   */
  async listMessages(caseNumber: number): Promise<CaseMessage[]> {
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        ...messagesOfCase(caseNumber),
        ProjectionExpression: '#n, messageKey, direction, kind, #from, #date, words, textSummary, attachments',
        ExpressionAttributeNames: { '#n': 'caseNumber', '#from': 'from', '#date': 'date' },
        ScanIndexForward: false,
        ConsistentRead: true,
      },
      MAX_MESSAGES_READ,
    );
    return items.map((item) => fromItem<CaseMessage>(item)).reverse();
  }

  /** Allocates the next case number atomically. A racing duplicate may skip a number; none repeats. */
  async allocateCaseNumber(): Promise<number> {
    const response = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: CASE_NUMBER_COUNTER,
        UpdateExpression: 'SET #value = if_not_exists(#value, :start) + :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':start': FIRST_CASE_NUMBER_MINUS_ONE, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(response.Attributes?.value);
  }

  /**
   * Writes the intake record (with its outbox), the case (created, or updated if its version is
   * unchanged), the message and its Message-ID lookups in one transaction. 'duplicate' when this
   * mail was already taken in; a case changed under us throws, and the retry starts over.
   * 'suppressed' when one of `unsuppressed` is on the suppression list: the check rides in the same
   * transaction, so a send costs no read of its own (the caller looks up why, and commits again).
   */
  async commitIntake(input: {
    intake: IntakeRecord;
    supportCase?: SupportCase;
    isNewCase?: boolean;
    message?: CaseMessage;
    newMessageIds?: readonly string[];
    /** Counts one automatic message to `address`, failing the write with 'rate-limited' past `limit` this hour. */
    autoReply?: { address: string; limit: number; now: Date };
    /** Addresses the outbox goes to that must not be on the suppression list. */
    unsuppressed?: readonly string[];
    /** Counts a new case or a folded mail on the flood counters; 'flooded' when a racing mail changed them first. */
    flood?: FloodCounting;
  }): Promise<'created' | 'duplicate' | 'rate-limited' | 'suppressed' | 'flooded'> {
    const { intake, supportCase, message } = input;
    const put = (item: Record<string, unknown>, condition?: string, values?: Record<string, unknown>) => ({
      Put: { TableName: this.tableName, Item: item, ...(condition ? { ConditionExpression: condition } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) },
    });
    const caseWrite =
      supportCase === undefined
        ? []
        : input.isNewCase
          ? [put(caseItem(supportCase), 'attribute_not_exists(pk)')]
          : [put(caseItem(supportCase), 'version = :previous', { ':previous': supportCase.version - 1 })];
    const unsuppressed = (input.unsuppressed ?? []).map((address) => ({ ConditionCheck: { TableName: this.tableName, Key: suppressionKey(address), ConditionExpression: 'attribute_not_exists(pk)' } }));
    const flood = input.flood === undefined ? [] : floodCounterUpdates(this.tableName, input.flood);
    try {
      await transactRetryingConflicts(
        this.doc,
        new TransactWriteCommand({
          TransactItems: [
            put(intakeItem(intake), 'attribute_not_exists(pk)'),
            ...caseWrite,
            ...(message === undefined ? [] : [put(messageItem(message))]),
            ...(input.newMessageIds ?? []).map((id) => put(messageIdItem(id, message?.caseNumber ?? 0, 'inbound'), 'attribute_not_exists(pk)')),
            ...unsuppressed,
            ...flood,
            ...(input.autoReply === undefined ? [] : [this.countAutoReply(input.autoReply)]),
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
      const checksAt = reasons.length - unsuppressed.length - flood.length - (input.autoReply === undefined ? 0 : 1);
      const failed = (from: number, count: number) => reasons.slice(from, from + count).some((r) => r.Code === 'ConditionalCheckFailed');
      if (failed(checksAt, unsuppressed.length)) return 'suppressed';
      if (failed(checksAt + unsuppressed.length, flood.length)) return 'flooded';
      if (input.autoReply !== undefined && reasons.at(-1)?.Code === 'ConditionalCheckFailed') return 'rate-limited';
      throw error;
    }
  }

  private countAutoReply({ address, limit, now }: { address: string; limit: number; now: Date }) {
    const hour = Math.floor(now.getTime() / 3_600_000);
    return {
      Update: {
        TableName: this.tableName,
        Key: autoReplyCounterKey(address, hour),
        UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        // Kept a day past its hour, then DynamoDB's TTL deletes it.
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': (hour + 25) * 3600 },
      },
    };
  }

  async getIntake(key: string): Promise<IntakeRecord | undefined> {
    const response = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: intakeKey(key), ConsistentRead: true }));
    return response.Item === undefined ? undefined : fromItem<IntakeRecord>(response.Item);
  }

  /** Takes the right to send the outbox until `leaseUntil`; false if sent already or a live lease is held. */
  async claimOutbox(key: string, now: number, leaseUntil: number): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: intakeKey(key),
        UpdateExpression: 'SET leaseUntil = :lease',
        ConditionExpression: 'attribute_exists(pendingSends) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeValues: { ':lease': leaseUntil, ':now': now },
      }),
    );
  }

  /** Gives up a lease this invocation holds, so a retry can send at once instead of waiting it out. */
  async releaseOutbox(key: string, leaseUntil: number): Promise<void> {
    await this.conditional(
      new UpdateCommand({ TableName: this.tableName, Key: intakeKey(key), UpdateExpression: 'REMOVE leaseUntil', ConditionExpression: 'leaseUntil = :mine', ExpressionAttributeValues: { ':mine': leaseUntil } }),
    );
  }

  /**
   * Files sent messages in their case (customer-facing ones findable by their wire Message-ID) and
   * ticks them off the outbox, all in one transaction. A draft withheld from suppressed recipients
   * is ticked off too, its `withheld` line kept on the intake.
   */
  async recordSent(key: string, sent: ReadonlyArray<{ name: string; message?: CaseMessage; threadable?: boolean; withheld?: string }>): Promise<void> {
    if (sent.length === 0) return;
    const withheld = sent.flatMap((s) => (s.withheld === undefined ? [] : [s.withheld]));
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: intakeKey(key),
              UpdateExpression: `DELETE pendingSends :names${withheld.length > 0 ? ' SET withheld = list_append(if_not_exists(withheld, :none), :withheld)' : ''}`,
              ExpressionAttributeValues: { ':names': new Set(sent.map((s) => s.name)), ...(withheld.length > 0 ? { ':none': [], ':withheld': withheld } : {}) },
            },
          },
          ...sent.flatMap(({ message, threadable }) => message === undefined ? [] : [
            { Put: { TableName: this.tableName, Item: messageItem(message) } },
            ...(threadable && message.messageId !== undefined ? [{ Put: { TableName: this.tableName, Item: messageIdItem(message.messageId, message.caseNumber, 'outbound') } }] : []),
          ]),
        ],
      }),
    );
  }

  private async batchGet(keys: Record<string, unknown>[], onItem: (item: Record<string, unknown>) => void): Promise<void> {
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

function intakeItem(intake: IntakeRecord): Record<string, unknown> {
  const { pendingSends, ...rest } = intake;
  // DynamoDB has no empty sets: an intake with nothing to send simply has no pendingSends.
  return { ...intakeKey(intake.intakeKey), type: 'intake', ...rest, ...(pendingSends && pendingSends.size > 0 ? { pendingSends: new Set(pendingSends) } : {}) };
}

function caseItem(supportCase: SupportCase): Record<string, unknown> {
  return { ...caseKey(supportCase.caseNumber), type: 'case', gsi1pk: `STATUS#${supportCase.status}`, gsi1sk: supportCase.updatedAt, ...supportCase };
}

function messageItem(message: CaseMessage): Record<string, unknown> {
  return { ...messageItemKey(message.caseNumber, message.messageKey), type: 'message', ...message };
}

function messageIdItem(messageId: string, caseNumber: number, direction: MessageDirection): Record<string, unknown> {
  return { ...messageIdKey(messageId), type: 'messageId', messageId, caseNumber, direction };
}

const fromItem = withoutTableKeys;
