import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CASE_TABLE } from '../config/resources.ts';
import { caseKey, messageIdKey } from './case-keys.ts';
import { queryAll } from './table-reads.ts';

/**
 * Retention of solved cases: when a case is solved its item gets a TTL (case-items.ts), and so must
 * everything stored with it, or DynamoDB would delete the case and leave its conversation behind.
 * This stamps the same expiry on every other item of the case's partition (its messages, its
 * rating) and on its messages' Message-ID lookups, or clears it when the case is reopened. It runs
 * only when a case's expiry changes (a solve, a reopen), never on an ordinary mail.
 */
export class CaseExpiry {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Retention is on: solved cases expire. */
    private readonly enabled: boolean,
  ) {}

  /**
   * The case's expiry as stored, for the messages its outbox writes after the commit (a closing
   * mail sent once the case is solved expires with it); undefined while retention is off.
   */
  async current(caseNumber: number | undefined): Promise<number | undefined> {
    if (!this.enabled || caseNumber === undefined) return undefined;
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: caseKey(caseNumber),
        ConsistentRead: true,
        ProjectionExpression: '#ttl',
        ExpressionAttributeNames: { '#ttl': CASE_TABLE.timeToLiveAttribute },
      }),
    );
    const expiresAt = Item?.[CASE_TABLE.timeToLiveAttribute];
    return typeof expiresAt === 'number' ? expiresAt : undefined;
  }

  /** Sets (a number, epoch seconds) or clears (undefined) the expiry of the case's other items. */
  async stamp(caseNumber: number, expiresAt: number | undefined): Promise<void> {
    const partition = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': caseKey(caseNumber).pk },
      ProjectionExpression: 'pk, sk, messageId',
    });
    const keys = [
      ...partition.filter((item) => item.sk !== caseKey(caseNumber).sk).map((item) => ({ pk: item.pk, sk: item.sk })),
      ...partition.flatMap((item) => (typeof item.messageId === 'string' ? [messageIdKey(item.messageId)] : [])),
    ];
    const attribute = { '#ttl': CASE_TABLE.timeToLiveAttribute };
    for (const Key of keys) {
      await this.doc
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            // Only items that exist: a lookup never written (a message id we did not keep) stays unwritten.
            ConditionExpression: 'attribute_exists(pk)',
            ...(expiresAt === undefined
              ? { UpdateExpression: 'REMOVE #ttl', ExpressionAttributeNames: attribute }
              : {
                  UpdateExpression: 'SET #ttl = :at',
                  ExpressionAttributeNames: attribute,
                  ExpressionAttributeValues: { ':at': expiresAt },
                }),
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        });
    }
  }
}
