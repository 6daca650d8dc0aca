import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseItem } from '../../functions/adapters/case-items.ts';
import { CaseReader } from '../../functions/adapters/case-reader.ts';
import { CASE_TABLE } from '../../functions/config/resources.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../infra/local/emulators.ts';
import { ensureCaseTable } from '../../infra/local/local-case-table.ts';

const supportCase = (caseNumber: number, fields: Partial<SupportCase> = {}): SupportCase => ({
  caseId: `c${caseNumber}`,
  caseNumber,
  version: 1,
  subject: `Case ${caseNumber}`,
  participants: ['ana@customer.test'],
  status: 'open',
  priority: 'normal',
  flags: [],
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: `2026-11-${String(1 + (caseNumber % 28)).padStart(2, '0')}T09:00:00.000Z`,
  threadReferences: [],
  // History a list never needs: the index leaves it out.
  recent: [{ at: '2026-11-01T09:00:00.000Z', kind: 'customer', who: 'ana', snippet: 'x'.repeat(2000) }],
  ...fields,
});

describe('the sharded status index (DynamoDB Local)', () => {
  let dynamo: RunningDynamoDb;
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  const put = (table: string, item: Record<string, unknown>) =>
    doc.send(new PutCommand({ TableName: table, Item: item }));
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({});
    client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  });
  afterAll(async () => {
    doc.destroy();
    await dynamo.stop();
  });

  it('filters by assignee and by missed target on the server, newest first, and returns summaries only', async () => {
    // Prepare: 40 open cases over every shard; every fifth Maria's, every seventh breached
    await ensureCaseTable(client, 'filters');
    for (let n = 1001; n <= 1040; n += 1)
      await put(
        'filters',
        caseItem(
          supportCase(n, {
            ...(n % 5 === 0 ? { assignee: 'A-101' } : n % 5 === 1 ? {} : { assignee: 'A-102' }),
            ...(n % 7 === 0 ? { slaBreaches: ['first-response'] } : {}),
          }),
        ),
      );
    const reader = new CaseReader(doc, 'filters');

    // Act
    const maria = await reader.byStatus('open', { assignee: 'A-101' });
    const nobody = await reader.byStatus('open', { assignee: 'none' });
    const breachedTom = await reader.byStatus('open', { assignee: 'A-102', breached: true });
    const firstThree = await reader.byStatus('open', { limit: 3 });

    // Assess
    expect(maria.cases.map((c) => c.caseNumber).sort()).toEqual([1005, 1010, 1015, 1020, 1025, 1030, 1035, 1040]);
    expect(nobody.cases.every((c) => c.assignee === undefined)).toBe(true);
    expect(nobody.cases).toHaveLength(8);
    expect(breachedTom.cases.map((c) => c.caseNumber).sort()).toEqual([1008, 1022, 1029]);
    expect(firstThree.more).toBe(true);
    expect(firstThree.cases.map((c) => c.updatedAt)).toEqual(
      [...firstThree.cases.map((c) => c.updatedAt)].sort().reverse(),
    );
    expect(Object.keys(maria.cases[0] ?? {})).not.toContain('recent');
    expect(Object.keys(maria.cases[0] ?? {})).not.toContain('participants');
  });

  it('reads for a report only the cases with something in the window', async () => {
    // Prepare
    await ensureCaseTable(client, 'window');
    await put(
      'window',
      caseItem(supportCase(2001, { createdAt: '2026-11-10T09:00:00.000Z', updatedAt: '2026-11-10T09:00:00.000Z' })),
    );
    // Updated in the window (a note), but opened, answered and solved before it: nothing to count.
    await put(
      'window',
      caseItem(supportCase(2002, { createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-11-12T09:00:00.000Z' })),
    );
    await put(
      'window',
      caseItem(supportCase(2003, { createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-02T09:00:00.000Z' })),
    );
    const reader = new CaseReader(doc, 'window');

    // Act
    const read: number[] = [];
    await reader.forEachReported(['open'], new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'), (page) =>
      read.push(...page.map((c) => c.caseNumber)),
    );

    // Assess
    expect(read).toEqual([2001]);
  });

  it('keys solved cases by the day they last changed: lists walk back day by day, a report reads only its days', async () => {
    // Prepare
    await ensureCaseTable(client, 'solved');
    for (const [n, day] of [
      [4001, '2026-12-01'],
      [4002, '2026-11-20'],
      [4005, '2026-11-25'],
      [4003, '2026-10-02'],
      [4004, '2025-06-01'],
    ] as const) {
      const at = `${day}T10:00:00.000Z`;
      await put('solved', caseItem(supportCase(n, { status: 'solved', createdAt: at, updatedAt: at, solvedAt: at })));
    }
    const reader = new CaseReader(doc, 'solved', () => new Date('2026-12-02T12:00:00Z'));

    // Act
    const newestTwo = await reader.byStatus('solved', { limit: 2 });
    const lastMonth = await reader.byStatus('solved');
    const november: number[] = [];
    await reader.forEachReported(
      ['solved'],
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-12-01T00:00:00Z'),
      (page) => november.push(...page.map((c) => c.caseNumber)),
    );

    // Assess
    expect(caseItem(supportCase(4002, { status: 'solved', updatedAt: '2026-11-20T10:00:00.000Z' })).gsi2pk).toBe(
      'STATUS#solved#2026-11-20#2',
    );
    expect(newestTwo).toMatchObject({ more: true });
    expect(newestTwo.cases.map((c) => c.caseNumber)).toEqual([4001, 4005]);
    // A list looks back a month; older solved cases are for a report with its window.
    expect(lastMonth.cases.map((c) => c.caseNumber)).toEqual([4001, 4005, 4002]);
    expect(november.sort()).toEqual([4002, 4005]);
  });

  it('upgrades a table from before the sharded index: adds it and moves the cases into it', async () => {
    // Prepare: the table as the first release made it, one case keyed the old way
    await client.send(
      new CreateTableCommand({
        TableName: 'old',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: CASE_TABLE.legacyStatusIndex.name,
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const { gsi2pk: _pk, gsi2sk: _sk, ...oldItem } = caseItem(supportCase(3001, { assignee: 'A-101' }));
    await put('old', { ...oldItem, gsi1pk: 'STATUS#open', gsi1sk: '2026-11-02T09:00:00.000Z' });

    // Act
    await ensureCaseTable(client, 'old');
    const found = await new CaseReader(doc, 'old').byStatus('open', { assignee: 'A-101' });

    // Assess
    const indexes = (await client.send(new DescribeTableCommand({ TableName: 'old' }))).Table?.GlobalSecondaryIndexes;
    expect(indexes?.map((i) => i.IndexName).sort()).toEqual(['byStatus', 'byStatusShard']);
    expect(found.cases.map((c) => c.caseNumber)).toEqual([3001]);
  });
});
