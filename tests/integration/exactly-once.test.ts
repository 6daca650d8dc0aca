import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SESEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MailSender } from '../../functions/adapters/mail-sender.ts';
import { inboundDependencies } from '../../functions/inbound/handler.ts';
import { processReceipt } from '../../functions/inbound/process-receipt.ts';
import { OutboxLeasedError } from '../../functions/outbox/outbox-lease.ts';
import { receiptsOf } from '../../functions/inbound/ses-receipt-event.ts';
import { buildReceiptEvent } from '../../infra/local/receipt-event.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const PASS = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;

describe('each mail is taken in exactly once', () => {
  let fixture: StackFixture;
  let s3: S3Client;
  beforeAll(async () => {
    fixture = await startStackFixture();
    s3 = new S3Client({ forcePathStyle: true });
  });
  afterAll(async () => {
    s3.destroy();
    await fixture.stop();
  });

  let customer: string;
  beforeEach(() => {
    customer = `c${randomBytes(4).toString('hex')}@customer.test`;
  });

  /** Stores a raw message as SES's S3 action would and returns the Lambda event for it. */
  async function received(
    messageId: string,
    sesMessageId = randomBytes(8).toString('hex'),
    from = customer,
  ): Promise<SESEvent> {
    const raw = Buffer.from(
      `From: ${from}\r\nTo: support@example.test\r\nSubject: Where is my parcel?\r\nMessage-ID: ${messageId}\r\n\r\nIt has been two weeks.\r\n`,
    );
    await s3.send(
      new PutObjectCommand({ Bucket: fixture.stack.bucketName, Key: `inbound/${sesMessageId}`, Body: raw }),
    );
    return buildReceiptEvent(raw, {
      sesMessageId,
      envelopeSender: from,
      recipients: ['support@example.test'],
      verdicts: PASS,
      receivedAt: new Date(),
      region: 'eu-west-1',
      functionName: 'inbound',
    });
  }

  async function casesOf(address: string) {
    return (await fixture.items('case')).filter(
      (c) => (c.requester as { address: string } | undefined)?.address === address,
    );
  }

  it('a retried invocation of the same receipt opens no second case and sends no second acknowledgement', async () => {
    const event = await received(`<retry-${customer}>`);

    const first = await fixture.stack.invoke(event);
    const second = await fixture.stack.invoke(event);

    expect(first[0]).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(second[0]).toMatchObject({ outcome: 'duplicate', acknowledged: false, caseNumber: first[0]?.caseNumber });
    expect(await casesOf(customer)).toHaveLength(1);
    expect(await fixture.mailbox(customer)).toHaveLength(1);
    // The retry was recognised before a case number was drawn, so none was skipped.
    const [next] = await fixture.stack.invoke(await received(`<after-retry-${customer}>`));
    expect(next?.caseNumber).toBe((first[0]?.caseNumber ?? 0) + 1);
  });

  it('two concurrent invocations of the same receipt give one case and one acknowledgement', async () => {
    const event = await received(`<concurrent-${customer}>`);

    const outcomes = (
      await Promise.all([fixture.stack.invoke(event), fixture.stack.invoke(event), fixture.stack.invoke(event)])
    ).flat();

    expect(outcomes.filter((o) => o.outcome === 'case-opened')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(2);
    expect(outcomes.filter((o) => o.acknowledged)).toHaveLength(1);
    expect(await casesOf(customer)).toHaveLength(1);
    expect(await fixture.mailbox(customer)).toHaveLength(1);
  });

  it('the same message received twice by SES (two receipts, one Message-ID) is stored once', async () => {
    const messageId = `<twice-${customer}>`;
    const outcomes = [
      ...(await fixture.stack.invoke(await received(messageId))),
      ...(await fixture.stack.invoke(await received(messageId))),
    ];

    expect(outcomes.map((o) => o.outcome)).toEqual(['case-opened', 'duplicate']);
    expect(await casesOf(customer)).toHaveLength(1);
    expect((await fixture.items('message')).filter((m) => m.messageId === messageId)).toHaveLength(1);
  });

  it('an acknowledgement whose send failed is sent by the retry, and only once', async () => {
    // Prepare: the first attempt reaches a closed port instead of SES, as during an outage.
    const event = await received(`<outage-${customer}>`);
    const [receipt] = receiptsOf(event);
    const deps = await inboundDependencies();
    const deadSes = new SESv2Client({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    const broken = { ...deps, sender: new MailSender(deadSes, 'support@example.test', 'eu-west-1') };

    // Act
    await expect(processReceipt(receipt!, broken)).rejects.toThrow();
    const retry = await processReceipt(receipt!, deps);
    const lateCopy = await processReceipt(receipt!, deps);

    // Assess
    expect(retry).toMatchObject({ outcome: 'duplicate', acknowledged: true });
    expect(lateCopy).toMatchObject({ outcome: 'duplicate', acknowledged: false });
    expect(await casesOf(customer)).toHaveLength(1);
    const inbox = await fixture.mailbox(customer);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.mail.subject).toMatch(/^\[Case #\d+\] Where is my parcel\?$/);
    const [intake] = (await fixture.items('intake')).filter((i) => i.sesMessageId === receipt!.sesMessageId);
    expect(intake?.pendingSends).toBeUndefined();
    expect(Object.keys(intake?.outbox as object).sort()).toEqual(['acknowledgement', 'notification']);
    deadSes.destroy();
  });

  it('a copy that arrives while another invocation holds the lease fails, to be retried once the lease lapses', async () => {
    const event = await received(`<held-${customer}>`);
    const [receipt] = receiptsOf(event);
    const deps = await inboundDependencies();
    // The first invocation died after claiming (no release): its lease stands until it lapses.
    const hung = { ...deps, sender: { sendRaw: () => new Promise<never>(() => undefined) } as unknown as MailSender };
    void processReceipt(receipt!, hung);
    await expect
      .poll(async () =>
        (await fixture.items('intake')).some(
          (i) => i.sesMessageId === receipt!.sesMessageId && i.leaseUntil !== undefined,
        ),
      )
      .toBe(true);

    // The holder may be dead: reporting the copy done would leave the acknowledgement unsent for good.
    const duringLease = processReceipt(receipt!, deps);
    await expect(duringLease).rejects.toThrow(OutboxLeasedError);
    const afterLapse = await processReceipt(receipt!, { ...deps, now: () => new Date(Date.now() + 91_000) });

    expect(afterLapse).toMatchObject({
      outcome: 'duplicate',
      acknowledged: true,
      // Team mail first, customer mail last: a death between the two repeats only the team's.
      sent: ['notification', 'acknowledgement'],
    });
    expect(await fixture.mailbox(customer)).toHaveLength(1);
  });

  it('case numbers stay unique under concurrent new mail', async () => {
    // Twelve customers: twelve from one address would pass its bound on new cases an hour (10).
    const events = await Promise.all(
      Array.from({ length: 12 }, (_, i) => received(`<burst-${i}-${customer}>`, undefined, `b${i}-${customer}`)),
    );

    const outcomes = (await Promise.all(events.map((e) => fixture.stack.invoke(e)))).flat();

    const numbers = outcomes.map((o) => o.caseNumber);
    expect(new Set(numbers).size).toBe(12);
    expect(outcomes.every((o) => o.outcome === 'case-opened')).toBe(true);
  });
});
