import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { CaseMessage, MessageDirection, SupportCase } from '../core/support-case.ts';
import { CASE_NUMBER_COUNTER, caseKey, caseNumberKey, intakeKey, messageIdKey, messageItemKey } from './case-keys.ts';

/** Case numbers start after this, so the first case is #1001: short, and not obviously the first. */
const FIRST_CASE_NUMBER_MINUS_ONE = 1000;
/** DynamoDB's BatchGetItem limit (one key is the intake record). */
const MAX_BATCH_GET_KEYS = 100;

export type AcknowledgementState = 'pending' | 'sent' | 'none';

/** One received mail and what became of it; keyed so that the same mail is taken in only once. */
export interface IntakeRecord {
  readonly intakeKey: string;
  readonly sesMessageId: string;
  readonly rawKey: string;
  readonly receivedAt: string;
  readonly outcome: 'case' | 'held' | 'ignored';
  /** Why it was held or ignored, or why the customer was not acknowledged. */
  readonly reason?: string;
  readonly caseId?: string;
  readonly caseNumber?: number;
  readonly acknowledgement: AcknowledgementState;
  /** Epoch ms until which one invocation owns sending the acknowledgement. */
  readonly ackLeaseUntil?: number;
}

export interface KnownMessage {
  readonly caseId: string;
  readonly direction: MessageDirection;
}

/** The case table: cases, their messages, and the lookups and guards that keep intake exactly-once. */
export class CaseStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * One consistent read for everything intake needs to know up front: whether this mail was taken
   * in before, and which of these Message-IDs belong to a case (and whether we sent them).
   */
  async lookUp(key: string, messageIds: readonly string[]): Promise<{ intake?: IntakeRecord; known: Map<string, KnownMessage> }> {
    const known = new Map<string, KnownMessage>();
    let intake: IntakeRecord | undefined;
    const unique = [...new Set(messageIds)].slice(0, MAX_BATCH_GET_KEYS - 1);
    let keys: Record<string, unknown>[] | undefined = [intakeKey(key), ...unique.map(messageIdKey)];
    while (keys !== undefined && keys.length > 0) {
      const response: BatchGetCommandOutput = await this.doc.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of response.Responses?.[this.tableName] ?? []) {
        if (item.type === 'intake') intake = item as IntakeRecord;
        else known.set(String(item.messageId), { caseId: String(item.caseId), direction: item.direction as MessageDirection });
      }
      keys = response.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return intake === undefined ? { known } : { intake, known };
  }

  /** Allocates the next case number atomically. A retried intake may skip a number; none repeats. */
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
   * Writes a new case, its first message, its lookups and the intake record in one transaction.
   * Returns 'duplicate' when this mail was already taken in (by a retry or a concurrent copy).
   */
  async openCase(input: {
    intake: IntakeRecord;
    supportCase: SupportCase;
    message: CaseMessage;
    /** Message-IDs that should lead to this case and are not yet known. */
    newMessageIds: readonly string[];
  }): Promise<'created' | 'duplicate'> {
    const { intake, supportCase, message } = input;
    const notExists = 'attribute_not_exists(pk)';
    const put = (item: Record<string, unknown>, condition?: string) => ({
      Put: { TableName: this.tableName, Item: item, ...(condition ? { ConditionExpression: condition } : {}) },
    });
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            put(intakeItem(intake), notExists),
            put(caseItem(supportCase), notExists),
            put({ ...caseNumberKey(supportCase.caseNumber), type: 'caseNumber', caseId: supportCase.caseId }, notExists),
            put(messageItem(message)),
            ...input.newMessageIds.map((id) =>
              put({ ...messageIdKey(id), type: 'messageId', messageId: id, caseId: supportCase.caseId, direction: message.direction }, notExists),
            ),
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (isConditionFailureAt(error, 0)) return 'duplicate';
      throw error;
    }
  }

  /** Records a mail that opened no case (held or ignored). 'duplicate' when it was recorded before. */
  async recordIntake(intake: IntakeRecord): Promise<'created' | 'duplicate'> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: intakeItem(intake), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'duplicate';
      throw error;
    }
  }

  async getIntake(key: string): Promise<IntakeRecord | undefined> {
    const response = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: intakeKey(key), ConsistentRead: true }));
    return response.Item as IntakeRecord | undefined;
  }

  async getCase(caseId: string): Promise<SupportCase | undefined> {
    const response = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true }));
    return response.Item as SupportCase | undefined;
  }

  /**
   * Takes the right to send a pending acknowledgement until `leaseUntil`. False when it was sent
   * already or another invocation holds a live lease.
   */
  async claimAcknowledgement(key: string, now: number, leaseUntil: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: intakeKey(key),
          UpdateExpression: 'SET ackLeaseUntil = :lease',
          ConditionExpression: 'acknowledgement = :pending AND (attribute_not_exists(ackLeaseUntil) OR ackLeaseUntil < :now)',
          ExpressionAttributeValues: { ':lease': leaseUntil, ':pending': 'pending', ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Gives up a lease this invocation holds, so a retry can send at once instead of waiting it out. */
  async releaseAcknowledgement(key: string, leaseUntil: number): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: intakeKey(key),
          UpdateExpression: 'REMOVE ackLeaseUntil',
          ConditionExpression: 'ackLeaseUntil = :mine',
          ExpressionAttributeValues: { ':mine': leaseUntil },
        }),
      );
    } catch (error) {
      // Someone else's lease now, or already sent: nothing of ours to release.
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    }
  }

  /** Marks the acknowledgement sent and files it in the case, findable by its wire Message-ID. */
  async recordAcknowledgement(key: string, message: CaseMessage): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: intakeKey(key),
              UpdateExpression: 'SET acknowledgement = :sent REMOVE ackLeaseUntil',
              ExpressionAttributeValues: { ':sent': 'sent' },
            },
          },
          { Put: { TableName: this.tableName, Item: messageItem(message) } },
          ...(message.messageId === undefined
            ? []
            : [{ Put: { TableName: this.tableName, Item: { ...messageIdKey(message.messageId), type: 'messageId', messageId: message.messageId, caseId: message.caseId, direction: message.direction } } }]),
        ],
      }),
    );
  }
}

function intakeItem(intake: IntakeRecord): Record<string, unknown> {
  return { ...intakeKey(intake.intakeKey), type: 'intake', ...intake };
}

function caseItem(supportCase: SupportCase): Record<string, unknown> {
  return { ...caseKey(supportCase.caseId), type: 'case', gsi1pk: `STATUS#${supportCase.status}`, gsi1sk: supportCase.updatedAt, ...supportCase };
}

function messageItem(message: CaseMessage): Record<string, unknown> {
  return { ...messageItemKey(message.caseId, message.messageKey), type: 'message', ...message };
}

function isConditionFailureAt(error: unknown, index: number): boolean {
  return error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}
