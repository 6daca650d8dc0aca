import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { reindexCases } from '../../functions/adapters/status-index-migration.ts';
import { CASE_TABLE } from '../../functions/config/resources.ts';

/** The status index as functions/config/resources.ts describes it: sharded keys, the summary fields only. */
const STATUS_INDEX: GlobalSecondaryIndex = {
  IndexName: CASE_TABLE.statusIndex.name,
  KeySchema: [
    { AttributeName: CASE_TABLE.statusIndex.partitionKey, KeyType: 'HASH' },
    { AttributeName: CASE_TABLE.statusIndex.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...CASE_TABLE.statusIndex.projected] },
};
const INDEX_KEY_ATTRIBUTES = [CASE_TABLE.statusIndex.partitionKey, CASE_TABLE.statusIndex.sortKey].map((name) => ({
  AttributeName: name,
  AttributeType: 'S' as const,
}));

/**
 * Creates the case table exactly as described in functions/config/resources.ts (idempotent). A table
 * from an older `npm start` gets the sharded status index and its cases are moved into it.
 */
export async function ensureCaseTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const existing = await client.send(new DescribeTableCommand({ TableName: tableName })).then(
    (d) => d.Table,
    () => undefined,
  );
  if (existing !== undefined) return upgradeCaseTable(client, tableName, existing);
  const { partitionKey, sortKey, timeToLiveAttribute } = CASE_TABLE;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        ...[partitionKey, sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
        ...INDEX_KEY_ATTRIBUTES,
      ],
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [STATUS_INDEX],
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
    }),
  );
}

async function upgradeCaseTable(client: DynamoDBClient, tableName: string, table: TableDescription): Promise<void> {
  if ((table.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === CASE_TABLE.statusIndex.name)) return;
  await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      AttributeDefinitions: INDEX_KEY_ATTRIBUTES,
      GlobalSecondaryIndexUpdates: [{ Create: STATUS_INDEX }],
    }),
  );
  await indexActive(client, tableName, CASE_TABLE.statusIndex.name);
  await reindexCases(DynamoDBDocumentClient.from(client), tableName);
}

/** A minute: DynamoDB Local builds an index over a local table in well under a second. */
const INDEX_BUILD_LIMIT_MS = 60_000;
const INDEX_POLL_MS = 100;

/**
 * Waits until a new index is built: DynamoDB Local fails writes to a table whose index is still
 * CREATING (InternalFailure), where DynamoDB itself takes them during the backfill.
 */
async function indexActive(client: DynamoDBClient, tableName: string, indexName: string): Promise<void> {
  const until = Date.now() + INDEX_BUILD_LIMIT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === indexName);
    if (index?.IndexStatus === 'ACTIVE') return;
    if (Date.now() > until) throw new Error(`The index ${indexName} of ${tableName} was not built within a minute`);
    await new Promise((resolve) => setTimeout(resolve, INDEX_POLL_MS));
  }
}
