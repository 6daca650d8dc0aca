import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { CASE_TABLE } from '../config/resources.ts';
import type { SupportCase } from '../core/support-case.ts';
import { statusIndexKeys } from './status-keys.ts';

/**
 * Moves every case written before the sharded status index into it: adds its sharded keys and
 * removes the single-partition ones, so the legacy index empties. Safe to run while mail flows and
 * to run again: a case changed meanwhile was written with its new keys already and is skipped.
 * Returns how many cases it moved.
 */
export async function reindexCases(doc: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const { statusIndex, legacyStatusIndex } = CASE_TABLE;
  let moved = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await doc.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type = :case AND (attribute_not_exists(#new) OR attribute_exists(#old))',
        ProjectionExpression: 'pk, sk, caseNumber, #status, updatedAt, version',
        ExpressionAttributeNames: {
          '#type': 'type',
          '#status': 'status',
          '#new': statusIndex.partitionKey,
          '#old': legacyStatusIndex.partitionKey,
        },
        ExpressionAttributeValues: { ':case': 'case' },
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) if (await moveCase(doc, tableName, item)) moved += 1;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return moved;
}

async function moveCase(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  const { statusIndex, legacyStatusIndex } = CASE_TABLE;
  const keys = statusIndexKeys({
    caseNumber: Number(item.caseNumber),
    status: String(item.status) as SupportCase['status'],
    updatedAt: String(item.updatedAt),
  });
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET #newPk = :pk, #newSk = :sk REMOVE #oldPk, #oldSk',
        ConditionExpression: 'version = :version',
        ExpressionAttributeNames: {
          '#newPk': statusIndex.partitionKey,
          '#newSk': statusIndex.sortKey,
          '#oldPk': legacyStatusIndex.partitionKey,
          '#oldSk': legacyStatusIndex.sortKey,
        },
        ExpressionAttributeValues: { ':pk': keys.gsi2pk, ':sk': keys.gsi2sk, ':version': item.version },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
