import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { caseItem } from '../../functions/adapters/case-items.ts';
import { newCase } from '../../functions/core/new-case.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyFormKey } from '../../functions/adapters/case-keys.ts';
import { RatingStore } from '../../functions/adapters/rating-store.ts';
import { summariseRatings, type RatingEvent } from '../../functions/core/ratings.ts';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../infra/local/emulators.ts';
import { ensureCaseTable } from '../../infra/local/local-case-table.ts';

const TABLE = 'mailcase-cases';
const nonceFor = (id: string) => ({ id: id.padEnd(22, '0'), expiresAt: new Date('2026-12-04T08:00:00Z') });
let events = 0;
const vote = (caseNumber: number, answer: RatingEvent['answer'], ratedAt: string, comment?: string): RatingEvent => ({
  eventId: `event-${++events}`,
  caseNumber,
  agentId: 'A-101',
  answer,
  ratedAt,
  ...(comment === undefined ? {} : { comment }),
});

describe('ratings on the case table (DynamoDB Local)', () => {
  let dynamo: RunningDynamoDb;
  let doc: DynamoDBDocumentClient;
  let store: RatingStore;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({});
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureCaseTable(client, TABLE);
    doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    store = new RatingStore(doc, TABLE);
  });
  afterAll(async () => {
    doc.destroy();
    await dynamo.stop();
  });

  it("a vote writes its event, the case's current rating and the form's guard, which expires by TTL", async () => {
    // Prepare
    const event = vote(1001, 'great', '2026-12-03T09:00:00.000Z', 'Thank you!');

    // Act
    const outcome = await store.record(event, nonceFor('a1'));

    // Assess
    expect(outcome).toBe('recorded');
    expect(await store.current(1001)).toEqual(event);
    const guard = await doc.send(new GetCommand({ TableName: TABLE, Key: surveyFormKey(nonceFor('a1').id) }));
    // A day past the nonce's own expiry, in epoch seconds (the table's TTL attribute).
    expect(guard.Item).toMatchObject({ caseNumber: 1001, expiresAt: Date.parse('2026-12-05T08:00:00Z') / 1000 });
    const month = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'RATINGS#2026-12' },
      }),
    );
    expect(month.Items?.map((i) => i.sk)).toEqual([`2026-12-03T09:00:00.000Z#1001#${event.eventId}`]);
  });

  it('the same form posted twice records once', async () => {
    // Prepare
    const first = vote(1002, 'okay', '2026-12-03T10:00:00.000Z');
    const replay = { ...first, eventId: `event-${++events}`, ratedAt: '2026-12-03T10:00:05.000Z' };

    // Act
    const outcomes = [await store.record(first, nonceFor('b1')), await store.record(replay, nonceFor('b1'))];

    // Assess
    expect(outcomes).toEqual(['recorded', 'replayed']);
    expect(
      (await store.between(new Date('2026-12-03T00:00:00Z'), new Date('2026-12-04T00:00:00Z'))).filter(
        (e) => e.caseNumber === 1002,
      ),
    ).toEqual([first]);
  });

  it('concurrent posts of one form record exactly one vote', async () => {
    // Prepare
    const copies = [1, 2, 3, 4].map((s) => vote(1003, 'great', `2026-12-03T11:00:0${s}.000Z`));

    // Act
    const outcomes = await Promise.all(copies.map((c) => store.record(c, nonceFor('c1'))));

    // Assess
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'replayed')).toHaveLength(3);
  });

  it('a changed rating replaces the current one; the log keeps both and a report counts the latest', async () => {
    // Prepare
    const first = vote(1004, 'not-good', '2026-12-04T09:00:00.000Z', 'Slow.');
    const changed = vote(1004, 'great', '2026-12-05T09:00:00.000Z');

    // Act
    await store.record(first, nonceFor('d1'));
    await store.record(changed, nonceFor('d2'));

    // Assess
    expect(await store.current(1004)).toEqual(changed);
    const logged = (await store.between(new Date('2026-12-04T00:00:00Z'), new Date('2026-12-06T00:00:00Z'))).filter(
      (e) => e.caseNumber === 1004,
    );
    expect(logged).toEqual([first, changed]);
    expect(summariseRatings(logged).overall).toMatchObject({ count: 1, positive: 1, negative: 0, comments: [] });
  });

  it('an older vote arriving after a newer one changes nothing, so the log and the current rating agree', async () => {
    // Prepare
    const newer = vote(1005, 'okay', '2026-12-06T09:00:01.000Z');
    const older = vote(1005, 'great', '2026-12-06T09:00:00.000Z');

    // Act
    const outcomes = [await store.record(newer, nonceFor('e1')), await store.record(older, nonceFor('e2'))];

    // Assess
    expect(outcomes).toEqual(['recorded', 'superseded']);
    expect(await store.current(1005)).toEqual(newer);
    expect(
      (await store.between(new Date('2026-12-06T00:00:00Z'), new Date('2026-12-07T00:00:00Z'))).map((e) => e.eventId),
    ).toEqual([newer.eventId]);
  });

  it('a later survey round counts over an earlier one, whatever their times; the log keeps each with its round', async () => {
    // Prepare: round 1 said "not good"; the follow-up's survey (round 2) says "great"; then a late
    // change to round 1's answer arrives
    const unhappy = vote(1006, 'not-good', '2026-12-07T09:00:00.000Z', 'Had to write three times');
    const recovered = { ...vote(1006, 'great', '2026-12-08T09:00:00.000Z'), round: 2 };
    const lateChange = { ...vote(1006, 'okay', '2026-12-08T10:00:00.000Z'), round: 1 };

    // Act
    const outcomes = [
      await store.record(unhappy, nonceFor('g1')),
      await store.record(recovered, nonceFor('g2')),
      await store.record(lateChange, nonceFor('g3')),
    ];

    // Assess
    expect(outcomes).toEqual(['recorded', 'recorded', 'superseded']);
    expect(await store.current(1006)).toEqual(recovered);
    const logged = (await store.between(new Date('2026-12-07T00:00:00Z'), new Date('2026-12-09T00:00:00Z'))).filter(
      (e) => e.caseNumber === 1006,
    );
    expect(logged.map((e) => [e.round ?? 1, e.answer])).toEqual([
      [1, 'not-good'],
      [2, 'great'],
    ]);
  });

  it('a vote whose case changed since it was read writes nothing, so it can be planned again', async () => {
    // Prepare: the case is at version 3 in the table; the plan was made from version 1
    const supportCase = {
      ...newCase({
        caseId: 'c-1007',
        caseNumber: 1007,
        mail: {
          sesMessageId: 's-1007',
          rawKey: 'inbound/s-1007',
          receivedAt: '2026-12-07T09:00:00.000Z',
          from: { address: 'ana@customer.test' },
          to: [{ address: 'support@example.test' }],
          cc: [],
          references: [],
          subject: 'Late',
          text: 'Where is it?',
        },
        flags: [],
        participants: ['ana@customer.test'],
      }),
      version: 3,
    };
    await doc.send(new PutCommand({ TableName: TABLE, Item: caseItem(supportCase) }));
    const event = vote(1007, 'not-good', '2026-12-07T10:00:00.000Z');

    // Act
    const outcome = await store.record(event, nonceFor('h1'), { supportCase: { ...supportCase, version: 2 } });

    // Assess
    expect(outcome).toBe('case-changed');
    expect(await store.current(1007)).toBeUndefined();
    expect(await store.record(event, nonceFor('h1'), { supportCase: { ...supportCase, version: 4 } })).toBe('recorded');
  });

  it('lists the events of a date range across month partitions, oldest first, the end excluded', async () => {
    // Prepare
    const november = vote(2001, 'great', '2026-11-30T23:59:59.999Z');
    const january = vote(2002, 'okay', '2027-01-01T00:00:00.000Z');
    const february = vote(2003, 'not-good', '2027-02-01T00:00:00.000Z');
    for (const [i, e] of [november, january, february].entries()) await store.record(e, nonceFor(`f${i}`));

    // Act
    const range = await store.between(new Date('2026-11-30T00:00:00Z'), new Date('2027-02-01T00:00:00Z'));
    const empty = await store.between(new Date('2027-03-01T00:00:00Z'), new Date('2027-02-01T00:00:00Z'));

    // Assess
    expect(range.map((e) => e.caseNumber).filter((n) => n >= 2000)).toEqual([2001, 2002]);
    expect(range.map((e) => e.ratedAt)).toEqual([...range.map((e) => e.ratedAt)].sort());
    expect(empty).toEqual([]);
  });

  it('a case without a rating has none', async () => {
    expect(await store.current(9999)).toBeUndefined();
  });
});
