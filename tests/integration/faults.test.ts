import { randomBytes } from 'node:crypto';
import type { SESEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { FaultSettings } from '../../infra/local/local-faults.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/** The outbox lease (90 s) and a second: how far a test moves the clock to stand for Lambda's later retry. */
const PAST_THE_LEASE_MS = 91_000;

/** A stack whose functions meet `faults`, with a clock the test can move and the receipts that failed every retry. */
async function faultyStack(faults: FaultSettings) {
  let skew = 0;
  const deadLetters: SESEvent[] = [];
  const fixture = await startStackFixture({
    faults,
    now: () => new Date(Date.now() + skew),
    onDeadLetter: (event) => deadLetters.push(event),
  });
  return {
    fixture,
    deadLetters,
    /** Moves the clock as far as Lambda's retries a minute and two later would see it. */
    later: () => {
      skew += PAST_THE_LEASE_MS;
    },
  };
}

/** New mail from `count` customers, taken in as SES would (stored, then the function invoked with retries). */
async function newMails(fixture: StackFixture, count: number, tag: string): Promise<string[]> {
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

async function acknowledgementsOf(fixture: StackFixture, customer: string): Promise<number> {
  return (await fixture.mailbox(customer)).filter((m) => /^\[Case #\d+\]/.test(m.mail.subject ?? '')).length;
}

describe('mail survives the faults AWS produces', () => {
  it('throttling, 500s and timeouts of DynamoDB, S3 and SQS slow intake down but lose no mail and send nothing twice', async () => {
    // Prepare: a third of every call fails, lost responses left out (they have a test of their own).
    const { fixture, deadLetters } = await faultyStack({
      rate: 0.3,
      seed: 11,
      only: [
        'ThrottlingException',
        'ProvisionedThroughputExceededException',
        'InternalServerError',
        'InternalError',
        'SlowDown',
        'TransactionCanceledException',
        'Timeout',
      ],
    });
    try {
      // Act
      const customers = await newMails(fixture, 8, 'throttled');

      // Assess
      expect(fixture.stack.faults?.layer.injected().total).toBeGreaterThan(5);
      expect(deadLetters).toEqual([]);
      expect(fixture.outcomes.map((o) => o.outcome)).toEqual(Array(8).fill('case-opened'));
      for (const customer of customers) expect(await acknowledgementsOf(fixture, customer)).toBe(1);
    } finally {
      await fixture.stop();
    }
  }, 120_000);

  it('a commit whose answer was lost is not taken for another invocation: the SDK retries it with its idempotency token', async () => {
    // Prepare: the intake's transaction is written, and the connection drops before its answer.
    const { fixture, deadLetters } = await faultyStack({
      rate: 1,
      only: ['LostResponse'],
      operations: ['TransactWriteItems'],
      limit: 1,
    });
    try {
      // Act
      const [customer] = await newMails(fixture, 1, 'lost-commit');

      // Assess: DynamoDB answered the retry (same ClientRequestToken) as the first, so no 'duplicate'.
      expect(fixture.stack.faults?.layer.injected()).toMatchObject({ 'dynamodb LostResponse': 1 });
      expect(deadLetters).toEqual([]);
      expect(fixture.outcomes.map((o) => o.outcome)).toEqual(['case-opened']);
      expect(await acknowledgementsOf(fixture, customer ?? '')).toBe(1);
    } finally {
      await fixture.stop();
    }
  }, 60_000);

  it('a send SES accepted whose answer was lost goes out twice: the documented at-most-once window', async () => {
    const { fixture } = await faultyStack({ rate: 1, only: ['LostResponse'], operations: ['SendEmail'], limit: 1 });
    try {
      const [customer] = await newMails(fixture, 1, 'lost-send');

      // Assess: the SDK retried the SendEmail it could not know had worked.
      expect(fixture.stack.faults?.layer.injected()).toMatchObject({ 'ses LostResponse': 1 });
      const sentToCustomer = fixture.stack.ses.sent.filter((m) => m.recipients.includes(customer ?? ''));
      const sentToTeam = fixture.stack.ses.sent.length - sentToCustomer.length;
      expect(sentToCustomer.length + sentToTeam).toBe(3);
      expect(fixture.outcomes.map((o) => o.outcome)).toEqual(['case-opened']);
    } finally {
      await fixture.stop();
    }
  }, 60_000);

  it('a mail whose first attempt died after its commit is acknowledged once, by a later attempt', async () => {
    // Prepare: the first attempt dies after committing the intake, before its first send.
    const { fixture, deadLetters, later } = await faultyStack({ rate: 0 });
    try {
      fixture.stack.faults?.crashNext('SendEmail#1');

      // Act: Lambda's two quick retries find the dead attempt's lease; the failed-mail queue keeps the
      // receipt, and its replay, after the lease lapsed, sends what the outbox still holds.
      const [customer] = await newMails(fixture, 1, 'crashed');
      const keptBeforeReplay = deadLetters.length;
      const ackBeforeReplay = await acknowledgementsOf(fixture, customer ?? '');
      later();
      for (const event of deadLetters) await fixture.stack.invoke(event);

      // Assess
      expect(keptBeforeReplay).toBe(1);
      expect(ackBeforeReplay).toBe(0);
      expect(await acknowledgementsOf(fixture, customer ?? '')).toBe(1);
      const intakes = (await fixture.items('intake')).filter((i) => i.pendingSends !== undefined);
      expect(intakes).toEqual([]);
    } finally {
      await fixture.stop();
    }
  }, 60_000);
});
