import {
  BatchGetCommand,
  QueryCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/** DynamoDB's BatchGetItem limit. */
export const MAX_BATCH_GET_KEYS = 100;

/**
 * Every item a Query matches, following DynamoDB's pages (at most 1 MB each), stopping once
 * `limit` items are read (each page asks only for what is still wanted).
 */
export async function queryAll(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await doc.send(
      new QueryCommand({
        ...input,
        ...(Number.isFinite(limit) ? { Limit: limit - items.length } : {}),
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined && items.length < limit);
  return items;
}

/** An item without the table's own attributes (keys, type, index keys), as the domain model has it. */
export function withoutTableKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _g3, gsi2sk: _g4, ...rest } = item;
  return rest as T;
}

/**
 * Every item of `keys` that exists (consistent reads), in BatchGets of at most MAX_BATCH_GET_KEYS,
 * asking again for what DynamoDB left unprocessed.
 */
export async function batchGetAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  /** Only these attributes of each item, when given (a projection and its names). */
  projection?: { readonly ProjectionExpression: string; readonly ExpressionAttributeNames: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += MAX_BATCH_GET_KEYS) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + MAX_BATCH_GET_KEYS);
    while (pending !== undefined && pending.length > 0) {
      const response: BatchGetCommandOutput = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ...projection } } }),
      );
      items.push(...(response.Responses?.[tableName] ?? []));
      pending = response.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}
