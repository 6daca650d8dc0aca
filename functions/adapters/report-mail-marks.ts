import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { reportMailKey } from './case-keys.ts';

/** Marks outlive any repeat of a schedule by far; a year keeps the table from growing with them. */
const MARK_LIFETIME_S = 400 * 86_400;

/**
 * One mark per report mail, period and person: EventBridge delivers a schedule at least once and
 * the local stack's clock ticks many times a week, so a mail is claimed before it is sent and
 * released if the send fails (so the retry sends it).
 */
export class ReportMailMarks {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** True when this call owns the mail; false when it was sent (or is being sent) already. */
  async claim(kind: string, period: string, agentId: string, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...reportMailKey(kind, period, agentId),
            type: 'reportMail',
            state: 'claimed',
            claimedAt: now.toISOString(),
            expiresAt: Math.ceil(now.getTime() / 1000) + MARK_LIFETIME_S,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :released',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':released': 'released' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Gives a claim back after a failed send (marked released: no function may delete items of the table). */
  async release(kind: string, period: string, agentId: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: reportMailKey(kind, period, agentId),
        UpdateExpression: 'SET #state = :released',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':released': 'released' },
      }),
    );
  }
}
