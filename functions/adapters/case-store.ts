import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseMessage, SupportCase } from '../core/support-case.ts';
import { fromItem } from './case-items.ts';
import { CASE_NUMBER_COUNTER, caseKey, messagesOfCase } from './case-keys.ts';
import { batchGetAll, MAX_BATCH_GET_KEYS, queryAll } from './table-reads.ts';

/** Case numbers start after this, so the first case is #1001: short, and not obviously the first. */
const FIRST_CASE_NUMBER_MINUS_ONE = 1000;
/**
 * Most message items read for a transcript, newest first. A case's messages include notifications
 * and alerts that a transcript leaves out, so this reads well past MAX_TRANSCRIPT_MESSAGES.
 */
const MAX_MESSAGES_READ = 400;

/** Cases and their messages in the case table; intake records and their outboxes are IntakeStore's. */
export class CaseStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Cases by number (consistent reads). */
  async getCases(caseNumbers: readonly number[]): Promise<Map<number, SupportCase>> {
    const cases = new Map<number, SupportCase>();
    const numbers = [...new Set(caseNumbers)].slice(0, MAX_BATCH_GET_KEYS);
    if (numbers.length > 0)
      for (const item of await batchGetAll(this.doc, this.tableName, numbers.map(caseKey)))
        cases.set(Number(item.caseNumber), fromItem<SupportCase>(item));
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
}
