import { randomBytes } from 'node:crypto';
import type { SESEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RatingStore } from '../../functions/adapters/rating-store.ts';
import { FAULTABLE_HEADER } from '../../infra/local/fault-catalogue.ts';
import type { FaultSettings } from '../../infra/local/local-faults.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/** The outbox lease (90 s) and a second: how far a test moves the clock to stand for Lambda's later retry. */
const PAST_THE_LEASE_MS = 91_000;

describe('mail survives the faults AWS produces', () => {
  let fixture: StackFixture;
  let skew = 0;
  const deadLetters: SESEvent[] = [];
  beforeAll(async () => {
    fixture = await startStackFixture({
      faults: { rate: 0 },
      now: () => new Date(Date.now() + skew),
      onDeadLetter: (event) => deadLetters.push(event),
    });
  });
  afterAll(async () => {
    await fixture.stop();
  });
  beforeEach(() => {
    deadLetters.length = 0;
  });

  const faults = (settings: FaultSettings) => fixture.stack.faults?.layer.configure(settings);
  const injected = () => fixture.stack.faults?.layer.injected();

  /** New mail from `count` customers, taken in as SES would (stored, then the function invoked with retries). */
  async function newMails(count: number, tag: string): Promise<string[]> {
    const customers = Array.from(
      { length: count },
      (_, i) => `${tag}-${i}-${randomBytes(3).toString('hex')}@customer.test`,
    );
    await Promise.all(
      customers.map((customer, i) =>
        fixture.stack.ingress.receive(
          Buffer.from(
            `From: ${customer}\r\nTo: support@example.test\r\nSubject: Parcel ${i} never came\r\nMessage-ID: <${customer}>\r\n\r\nIt has been two weeks.\r\n`,
          ),
          { sender: customer, recipients: ['support@example.test'], ip: '127.0.0.1', helo: 'customer.test' },
        ),
      ),
    );
    await fixture.stack.idle();
    return customers;
  }

  /** The failed-mail queue's replay, once Lambda's retries are long past and the dead attempt's lease has lapsed. */
  async function replayLater(): Promise<void> {
    skew += PAST_THE_LEASE_MS;
    for (const event of deadLetters) await fixture.stack.invoke(event);
  }

  async function acknowledgementsOf(customer: string | undefined): Promise<number> {
    return (await fixture.mailbox(customer ?? '')).filter((m) => /^\[Case #\d+\]/.test(m.mail.subject ?? '')).length;
  }

  async function unfinishedIntakes(): Promise<unknown[]> {
    return (await fixture.items('intake')).filter((i) => i.pendingSends !== undefined);
  }

  it('throttling, 500s, conflicts and timeouts of DynamoDB, S3, SQS and SES lose no mail and send nothing twice', async () => {
    // Prepare: a third of every call fails; lost responses have tests of their own.
    faults({
      rate: 0.3,
      seed: 11,
      only: [
        'ThrottlingException',
        'ProvisionedThroughputExceededException',
        'InternalServerError',
        'InternalError',
        'SlowDown',
        'TransactionCanceledException',
        'TooManyRequestsException',
        'InternalFailure',
        'Timeout',
      ],
    });

    // Act
    const customers = await newMails(8, 'throttled');
    await replayLater();

    // Assess
    expect(injected()?.total).toBeGreaterThan(5);
    for (const customer of customers) expect(await acknowledgementsOf(customer)).toBe(1);
    expect(await unfinishedIntakes()).toEqual([]);
  }, 120_000);

  it("a send SES refuses for its rate beyond the SDK's six attempts is tried again in the same invocation", async () => {
    // Prepare: SES refuses seven attempts in a row, one more than the SDK makes.
    faults({ rate: 1, only: ['TooManyRequestsException'], operations: ['SendEmail'], limit: 7 });

    // Act
    const [customer] = await newMails(1, 'long-throttle');

    // Assess: the first invocation took the mail in; no retry had to resume it.
    expect(injected()).toMatchObject({ 'ses TooManyRequestsException': 7 });
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(await acknowledgementsOf(customer)).toBe(1);
  }, 60_000);

  it('a commit whose answer was lost is not taken for another invocation: the SDK retries it with its idempotency token', async () => {
    // Prepare: the intake's transaction is written, and the connection drops before its answer.
    faults({ rate: 1, only: ['LostResponse'], operations: ['TransactWriteItems'], limit: 1 });

    // Act
    const [customer] = await newMails(1, 'lost-commit');

    // Assess: DynamoDB answered the retry (same ClientRequestToken) as the first, so no 'duplicate'.
    expect(injected()).toMatchObject({ 'dynamodb LostResponse': 1 });
    expect(deadLetters).toEqual([]);
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(await acknowledgementsOf(customer)).toBe(1);
  }, 60_000);

  it('a send SES accepted whose answer was lost goes out twice: the documented at-most-once window', async () => {
    // Prepare: the first send of the outbox (the team's notification) is carried out, its answer lost.
    faults({ rate: 1, only: ['LostResponse'], operations: ['SendEmail'], limit: 1 });
    const sentBefore = fixture.stack.ses.sent.length;

    const [customer] = await newMails(1, 'lost-send');

    // Assess: the SDK retried the SendEmail it could not know had worked; the rest went out once.
    expect(injected()).toMatchObject({ 'ses LostResponse': 1 });
    const sent = fixture.stack.ses.sent.slice(sentBefore).map((m) => m.recipients.join(','));
    expect(sent).toEqual(['team@staff.example.com', 'team@staff.example.com', customer]);
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-opened', acknowledged: true });
  }, 60_000);

  it('a mail whose first attempt died after its commit is acknowledged once, by a later attempt', async () => {
    // Prepare: the first attempt dies after committing the intake, before its first send.
    faults({ rate: 0 });
    fixture.stack.faults?.crashNext('SendEmail#1');

    // Act: Lambda's two quick retries find the dead attempt's lease; the failed-mail queue keeps the
    // receipt, and its replay, after the lease lapsed, sends what the outbox still holds.
    const [customer] = await newMails(1, 'crashed');
    const keptBeforeReplay = deadLetters.length;
    const ackBeforeReplay = await acknowledgementsOf(customer);
    await replayLater();

    // Assess
    expect(keptBeforeReplay).toBe(1);
    expect(ackBeforeReplay).toBe(0);
    expect(await acknowledgementsOf(customer)).toBe(1);
    expect(await unfinishedIntakes()).toEqual([]);
  }, 60_000);

  it('a function that dies between its two sends never sends the customer their acknowledgement twice', async () => {
    // Prepare: the team's notification goes out; the function dies before the acknowledgement.
    faults({ rate: 0 });
    fixture.stack.faults?.crashNext('SendEmail#2');

    // Act
    const [customer] = await newMails(1, 'between-sends');
    await replayLater();

    // Assess: customer mail goes out last, each filed as sent at once; only the team's may repeat.
    expect(await acknowledgementsOf(customer)).toBe(1);
    expect(await unfinishedIntakes()).toEqual([]);
  }, 60_000);

  it('a vote whose transaction met another one on the same item is repeated, not shown an error page', async () => {
    // Prepare: the survey function's table client, its calls faulted like the functions' own.
    const dynamo = new DynamoDBClient({});
    dynamo.middlewareStack.add(
      (next) => (args) => {
        const { request } = args as { request?: { headers?: Record<string, string> } };
        if (request?.headers !== undefined) request.headers[FAULTABLE_HEADER] = '1';
        return next(args);
      },
      { step: 'build' },
    );
    const ratings = new RatingStore(DynamoDBDocumentClient.from(dynamo), fixture.stack.tableName);
    faults({ rate: 1, only: ['TransactionCanceledException'], operations: ['TransactWriteItems'], limit: 1 });
    const vote = {
      eventId: 'e-1',
      caseNumber: 4711,
      agentId: 'A-101',
      answer: 'great' as const,
      ratedAt: new Date().toISOString(),
    };

    // Act
    const recorded = await ratings.record(vote, {
      id: `nonce-${randomBytes(4).toString('hex')}`,
      expiresAt: new Date(Date.now() + 86_400_000),
    });

    // Assess
    expect(injected()).toMatchObject({ 'dynamodb TransactionCanceledException': 1 });
    expect(recorded).toBe('recorded');
    expect(await ratings.current(4711)).toMatchObject({ eventId: 'e-1', answer: 'great' });
    dynamo.destroy();
  }, 30_000);

  it("a burst beyond SES's sending rate is slowed down by the SDK's backoff and loses no mail", async () => {
    // Prepare: SES takes 5 messages a second; 20 new cases want 40 sends at once.
    faults({ rate: 0, sesRatePerSecond: 5 });

    // Act
    const customers = await newMails(20, 'burst');
    const keptBeforeReplay = deadLetters.length;
    await replayLater();

    // Assess: SES refused sends, and the SDK's backoff spread them out to its rate.
    expect(injected()?.['ses TooManyRequestsException']).toBeGreaterThan(0);
    expect(keptBeforeReplay).toBe(0);
    for (const customer of customers) expect(await acknowledgementsOf(customer)).toBe(1);
  }, 120_000);
});
