import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SdkCounters } from '../../bench/sdk-counters.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { buildReceiptEvent } from '../../infra/local/receipt-event.ts';
import { agentDomainZone, mailClient } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';

/** Bounds low enough to reach in a test: three new cases per address, five per domain, an hour. */
const LIMITS = { newCasesPerSenderPerHour: 3, newCasesPerDomainPerHour: 5 };

describe('a flood of new mail opens a bounded number of cases; the rest is filed into the latest, and the team hears once', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let customers: ReturnType<typeof mailClient>;
  let maria: ReturnType<typeof mailClient>;
  let s3: S3Client;
  // The inbound function's own DynamoDB requests, counted as `npm run bench` counts them.
  const counters = new SdkCounters();
  beforeAll(async () => {
    fixture = await startStackFixture({
      zone: agents.zone,
      config: parseSupportConfig({ ...TEST_CONFIG_INPUT, limits: LIMITS }),
      onAwsClients: (clients) => counters.instrument(clients.dynamo.middlewareStack),
    });
    customers = mailClient(fixture);
    maria = mailClient(fixture, { dkim: agents.dkim });
    s3 = new S3Client({ forcePathStyle: true });
  });
  afterAll(async () => {
    s3.destroy();
    customers.close();
    maria.close();
    await fixture.stop();
  });

  // Every test writes from its own domain, so no test's counts reach another's bound.
  let domain: string;
  beforeEach(() => {
    domain = `shop-${randomBytes(4).toString('hex')}.test`;
  });

  const write = (from: string, i: number) =>
    customers.send({
      from,
      to: 'support@example.test',
      subject: `Order ${i} failed`,
      text: `Attempt ${i}: the payment page errors.`,
      messageId: `<order-${i}-${from}>`,
    });
  const floodNotices = async () =>
    (await fixture.mailbox('team@staff.example.com')).filter((m) => m.mail.subject?.includes(' Flood: '));
  const counter = async (pk: string) => (await fixture.items('flood-counter')).find((c) => c.pk === pk);
  /** Stores a raw message as SES's S3 action would and returns the Lambda event for it, to invoke as often as a test likes. */
  async function received(from: string, i: number): Promise<SESEvent> {
    const sesMessageId = randomBytes(8).toString('hex');
    const raw = Buffer.from(
      `From: ${from}\r\nTo: support@example.test\r\nSubject: Order ${i} failed\r\nMessage-ID: <burst-${i}-${from}>\r\n\r\nThe payment page errors.\r\n`,
    );
    await s3.send(
      new PutObjectCommand({ Bucket: fixture.stack.bucketName, Key: `inbound/${sesMessageId}`, Body: raw }),
    );
    return buildReceiptEvent(raw, {
      sesMessageId,
      envelopeSender: from,
      recipients: ['support@example.test'],
      verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      receivedAt: new Date(),
      region: 'eu-west-1',
      functionName: 'inbound',
    });
  }

  it('30 mails from one address open 3 cases, acknowledged and notified as before; the other 27 are messages of the third, with one notice', async () => {
    // Prepare
    const script = `checkout@${domain}`;
    const outcomesBefore = fixture.outcomes.length;
    const noticesBefore = (await floodNotices()).length;

    // Act
    for (let i = 1; i <= 30; i++) await write(script, i);

    // Assess: three cases, the rest folded into the third without acknowledgement or notification
    const outcomes = fixture.outcomes.slice(outcomesBefore);
    const opened = outcomes.filter((o) => o.outcome === 'case-opened');
    expect(opened).toHaveLength(3);
    expect(opened.map((o) => o.sent)).toEqual(Array.from({ length: 3 }, () => ['notification', 'acknowledgement']));
    const latest = opened[2]?.caseNumber;
    const folded = outcomes.slice(3);
    expect(folded).toHaveLength(27);
    expect(folded.every((o) => o.outcome === 'case-updated' && o.caseNumber === latest && !o.acknowledged)).toBe(true);
    expect(folded[0]?.reason).toBe(
      `flood: ${script} reached 3 new cases this hour; filed in #${latest} (mail 1 past the bound)`,
    );
    expect(folded.map((o) => o.sent.length)).toEqual([1, ...Array.from({ length: 26 }, () => 0)]);
    expect(await fixture.mailbox(script)).toHaveLength(3);
    const messages = (await fixture.items('message')).filter(
      (m) => m.caseNumber === latest && m.direction === 'inbound',
    );
    expect(messages.map((m) => `${m.kind}: ${m.subject}`).sort()).toEqual(
      ['customer: Order 3 failed', ...Array.from({ length: 27 }, (_, i) => `folded: Order ${i + 4} failed`)].sort(),
    );
    const notices = (await floodNotices()).slice(noticesBefore);
    expect(notices.map((n) => n.mail.subject)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[Case #${latest}\\] Flood: new mail from ${script.replace(/\./g, '\\.')} is filed here until [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2}, \\d\\d:00 UTC$`,
        ),
      ),
    ]);
    expect(notices[0]?.mail.text).toContain(`${script} has opened 3 new cases this hour`);
    expect(await counter(`FLOOD#sender#${script}`)).toMatchObject({
      opened: 3,
      folded: 27,
      noticed: true,
      latestCase: latest,
    });
  });

  it("several senders of one domain open 5 cases between them; a sender past that stays in their own case, a new one joins the domain's latest", async () => {
    // Prepare: Ana and Bob open two cases each, Carl one: the domain's five
    const [ana, bob, carl, dora] = ['ana', 'bob', 'carl', 'dora'].map((name) => `${name}@${domain}`) as [
      string,
      string,
      string,
      string,
    ];
    for (const [i, from] of [ana, ana, bob, bob, carl].entries()) await write(from, i);
    const carlsCase = fixture.outcomes.at(-1)?.caseNumber;
    const noticesBefore = (await floodNotices()).length;

    // Act
    await write(carl, 5);
    const carlAgain = fixture.outcomes.at(-1);
    await write(dora, 6);
    const doraFirst = fixture.outcomes.at(-1);

    // Assess: both filed in Carl's case (his own; the domain's latest for Dora), one notice for the domain
    expect(carlAgain).toMatchObject({
      outcome: 'case-updated',
      caseNumber: carlsCase,
      sent: ['flood-notice'],
      acknowledged: false,
    });
    expect(doraFirst).toMatchObject({ outcome: 'case-updated', caseNumber: carlsCase, sent: [], acknowledged: false });
    expect(await fixture.mailbox(dora)).toEqual([]);
    const notices = (await floodNotices()).slice(noticesBefore);
    expect(notices.map((n) => n.mail.subject)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[Case #${carlsCase}\\] Flood: new mail from the domain ${domain.replace(/\./g, '\\.')} is filed here until [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2}, \\d\\d:00 UTC$`,
        ),
      ),
    ]);
    expect(await counter(`FLOOD#domain#${domain}`)).toMatchObject({
      opened: 5,
      folded: 2,
      noticed: true,
      latestCase: carlsCase,
    });
    // Dora was filed in the case, not made one of its customers: nobody's answer goes to her by mistake.
    const carls = (await fixture.items('case')).find((c) => c.caseNumber === carlsCase);
    expect(carls?.participants).toEqual([carl]);
  });

  it('customers of a free-mail provider share no domain bound: six strangers on gmail.com open six cases', async () => {
    // Prepare
    const tag = randomBytes(4).toString('hex');
    const outcomesBefore = fixture.outcomes.length;

    // Act
    for (let i = 0; i < 6; i++) await write(`customer${i}.${tag}@gmail.com`, i);

    // Assess
    expect(fixture.outcomes.slice(outcomesBefore).map((o) => o.outcome)).toEqual(
      Array.from({ length: 6 }, () => 'case-opened'),
    );
  });

  it("an agent's mail is never bounded: five new mails from Maria open five cases", async () => {
    // Prepare
    const tag = randomBytes(4).toString('hex');
    const outcomesBefore = fixture.outcomes.length;

    // Act
    for (let i = 0; i < 5; i++)
      await maria.send({
        from: 'Maria Lopez <maria@staff.example.com>',
        to: 'support@example.test',
        subject: `Internal ${tag} ${i}`,
        text: 'A case for the team.',
        messageId: `<internal-${tag}-${i}@staff.example.com>`,
      });

    // Assess
    expect(fixture.outcomes.slice(outcomesBefore).map((o) => o.outcome)).toEqual(
      Array.from({ length: 5 }, () => 'case-opened'),
    );
  });

  it('twelve mails from one address taken in at once still open 3 cases and tell the team once', async () => {
    // Prepare
    const script = `checkout@${domain}`;
    const events = await Promise.all(Array.from({ length: 12 }, (_, i) => received(script, i)));
    const noticesBefore = (await floodNotices()).length;

    // Act
    const outcomes = (await Promise.all(events.map((e) => fixture.stack.invoke(e)))).flat();

    // Assess
    const opened = outcomes.filter((o) => o.outcome === 'case-opened');
    expect(opened).toHaveLength(3);
    const folded = outcomes.filter((o) => o.outcome === 'case-updated');
    expect(folded).toHaveLength(9);
    expect(opened.map((o) => o.caseNumber)).toContain(folded[0]?.caseNumber);
    expect((await floodNotices()).slice(noticesBefore)).toHaveLength(1);
    expect(await counter(`FLOOD#sender#${script}`)).toMatchObject({ opened: 3, folded: 9, noticed: true });
  });

  it('a folded mail delivered again counts nothing twice and files no second message', async () => {
    // Prepare: the address reaches its bound, then one more mail is folded
    const script = `checkout@${domain}`;
    for (let i = 0; i < 3; i++) await fixture.stack.invoke(await received(script, i));
    const event = await received(script, 3);
    const [first] = await fixture.stack.invoke(event);

    // Act
    const [again] = await fixture.stack.invoke(event);

    // Assess
    expect(first).toMatchObject({ outcome: 'case-updated', sent: ['flood-notice'] });
    expect(again).toMatchObject({ outcome: 'duplicate', caseNumber: first?.caseNumber, sent: [] });
    expect(await counter(`FLOOD#sender#${script}`)).toMatchObject({ opened: 3, folded: 1 });
    expect((await fixture.items('message')).filter((m) => m.messageId === `<burst-3-${script}>`)).toHaveLength(1);
  });

  it('a folded mail costs 3 DynamoDB requests, one fewer than the new case it stands for (the counters ride in reads and writes intake makes anyway)', async () => {
    // Prepare: the address reaches its bound and has been noticed
    const script = `checkout@${domain}`;
    for (let i = 0; i < 4; i++) await write(script, i);
    const requests = async (act: () => Promise<void>) => {
      const before = counters.snapshot();
      await act();
      const after = counters.snapshot();
      return Object.fromEntries(
        Object.entries(after)
          .filter(([k]) => /^DynamoDB\.[A-Z]\w+$/.test(k) && k !== 'DynamoDB.RCU' && k !== 'DynamoDB.WCU')
          .map(([k, v]) => [k, v - (before[k] ?? 0)])
          .filter(([, v]) => v !== 0),
      );
    };

    // Act
    const work = await requests(() => write(script, 4));

    // Assess: the lookup with its counters, the case filed into, the commit with its count
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-updated', sent: [] });
    expect(work).toEqual({ 'DynamoDB.BatchGetItem': 2, 'DynamoDB.TransactWriteItems': 1 });
  });

  it('a script counting up a plus tag at a free-mail provider (no domain bound there) is one sender: 8 mails open 3 cases', async () => {
    // Prepare: gmail.com has no domain bound, so only the sender bound stands
    const name = `shop.bot.${randomBytes(3).toString('hex')}`;
    const outcomesBefore = fixture.outcomes.length;

    // Act: checkout+1@, checkout+2@ ... and the same name with its dots moved, all one Gmail mailbox
    for (let i = 1; i <= 8; i++) await write(`${i % 2 === 0 ? name.replaceAll('.', '') : name}+${i}@gmail.com`, i);

    // Assess
    const outcomes = fixture.outcomes.slice(outcomesBefore);
    expect(outcomes.filter((o) => o.outcome === 'case-opened')).toHaveLength(3);
    expect(outcomes.slice(3).every((o) => o.outcome === 'case-updated' && !o.acknowledged)).toBe(true);
  });

  it('a script inventing a subdomain per mail is one domain: 8 mails from a1.<domain> ... a8.<domain> open 5 cases', async () => {
    const outcomesBefore = fixture.outcomes.length;

    for (let i = 1; i <= 8; i++) await write(`checkout@a${i}.${domain}`, i);

    const outcomes = fixture.outcomes.slice(outcomesBefore);
    expect(outcomes.filter((o) => o.outcome === 'case-opened')).toHaveLength(5);
    expect(outcomes.slice(5).every((o) => o.outcome === 'case-updated' && !o.acknowledged)).toBe(true);
  });
});
