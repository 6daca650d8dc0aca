import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SdkCounters, type Counts } from '../../bench/sdk-counters.ts';
import type { IntakeRecord } from '../../functions/core/intake-record.ts';
import { SuppressionStore } from '../../functions/adapters/suppression-store.ts';
import type { OutboundDraft } from '../../functions/core/outbound-draft.ts';
import { inboundDependencies } from '../../functions/inbound/handler.ts';
import { OUTBOX_LEASE_MS, sendOutbox } from '../../functions/outbox/send-outbox.ts';
import { createSuppressionHandler, suppressionDependencies } from '../../functions/suppression/handler.ts';
import { localContext } from '../../infra/local/local-stack.ts';
import { sesFeedbackEvent } from '../../infra/local/ses-feedback.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { asEventBridgeEvent, sesFeedbackSources, titleFor } from '../support/ses-feedback-samples.ts';

describe('bounces and complaints feed a suppression list that sending respects', () => {
  const agents = agentDomainZone();
  // The customers' domain signs its mail and publishes DMARC: only a proven sender's copies join a case.
  const customerDomain = agentDomainZone('customer.test');
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let customers: ReturnType<typeof mailClient>;
  let doc: DynamoDBDocumentClient;
  let store: SuppressionStore;
  // The inbound function's own DynamoDB calls, counted as `npm run bench` counts them.
  const counters = new SdkCounters();
  const dynamoDbWork = async (act: () => Promise<void>): Promise<Counts> => {
    const before = counters.snapshot();
    await act();
    const after = counters.snapshot();
    return Object.fromEntries(
      Object.entries(after)
        .filter(([k]) => /^DynamoDB(\.[A-Z]\w+)?$/.test(k) && k !== 'DynamoDB.RCU' && k !== 'DynamoDB.WCU')
        .map(([k, v]) => [k, v - (before[k] ?? 0)])
        .filter(([, v]) => v !== 0),
    );
  };
  beforeAll(async () => {
    fixture = await startStackFixture({
      zone: { ...agents.zone, ...customerDomain.zone },
      onAwsClients: (clients) => counters.instrument(clients.dynamo.middlewareStack),
    });
    maria = mailClient(fixture, { dkim: agents.dkim });
    customers = mailClient(fixture, { dkim: customerDomain.dkim });
    doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    store = new SuppressionStore(doc, fixture.stack.tableName);
  });
  afterAll(async () => {
    maria.close();
    customers.close();
    doc.destroy();
    await fixture.stop();
  });

  let ana: string;
  let bob: string;
  beforeEach(() => {
    const tag = randomBytes(4).toString('hex');
    ana = `ana-${tag}@customer.test`;
    bob = `bob-${tag}@customer.test`;
  });

  const intakeOf = async (sesMessageId: string | undefined) =>
    (await fixture.items('intake')).find((i) => i.sesMessageId === sesMessageId);

  it('the suppression function records a complaint once, however often EventBridge delivers it', async () => {
    // Prepare
    const handler = createSuppressionHandler(suppressionDependencies(process.env, doc));
    const event = sesFeedbackEvent(
      'complaint',
      { sesMessageId: 'ses-1', from: 'support@example.test', recipients: [ana], sentAt: new Date() },
      ana.toUpperCase(),
      { region: 'eu-west-1', at: new Date('2026-12-01T09:00:00Z') },
    );

    // Act
    const first = await handler(event, localContext());
    const again = await handler(event, localContext());

    // Assess
    expect(first).toEqual({ recorded: [ana], alreadySuppressed: [] });
    expect(again).toEqual({ recorded: [], alreadySuppressed: [ana] });
    const found = await store.find([ana]);
    expect(found.get(ana)).toMatchObject({
      address: ana,
      reason: 'complaint',
      detail: 'abuse',
      at: '2026-12-01T09:00:00.000Z',
      sesMessageId: 'ses-1',
    });
    expect((await fixture.items('suppression')).filter((s) => s.address === ana)).toHaveLength(1);
  });

  for (const source of sesFeedbackSources) {
    it.skipIf(!source.present)(
      titleFor(source, 'SES bounces and complaints put their recipients on the list, deliveries are refused'),
      async () => {
        // Prepare
        const handler = createSuppressionHandler(suppressionDependencies(process.env, doc));
        const samples = source.samples();

        // Act, Assess
        for (const { file, record, expected } of samples) {
          const handled = handler(asEventBridgeEvent(record), localContext());
          if (expected.outcome === 'refused') await expect(handled, file).rejects.toThrow(/eventType/);
          else expect((await handled).recorded.length + (await handled).alreadySuppressed.length, file).toBe(1);
        }
        const listed = await store.find([...source.listed.map(([address]) => address), ...source.notListed]);
        expect([...listed.values()].map((s) => [s.address, s.reason]).sort()).toEqual(source.listed);
      },
    );
  }

  it("a new case still costs 4 DynamoDB requests: the suppression check rides in the commit's transaction", async () => {
    // Prepare: a first mail warms the function as the bench does (settings read once per process or minute)
    await customers.send({
      from: bob,
      to: 'support@example.test',
      subject: 'Warm-up',
      text: 'Hello.',
      messageId: `<warm-${bob}>`,
    });

    // Act
    const work = await dynamoDbWork(() =>
      customers.send({
        from: ana,
        to: 'support@example.test',
        subject: 'Where is my order?',
        text: 'It has been a week.',
        messageId: `<order-${ana}>`,
      }),
    );

    // Assess
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-opened', acknowledged: true });
    expect(work).toEqual({
      DynamoDB: 4,
      'DynamoDB.BatchGetItem': 1,
      'DynamoDB.UpdateItem': 1,
      'DynamoDB.TransactWriteItems': 2,
    });
    expect(await intakeOf(fixture.outcomes.at(-1)?.sesMessageId)).toMatchObject({ suppressed: {} });
  });

  it('a customer who complained gets no more mail, with the reason recorded; the others on the conversation still do', async () => {
    // Prepare: Ana reports our mail as spam; her first mail copies Bob
    fixture.stack.ses.simulate(ana, 'complaint');
    await customers.send({
      from: `Ana <${ana}>`,
      to: 'support@example.test',
      cc: bob,
      subject: 'Broken hinge',
      text: 'The hinge broke after a week.',
      messageId: `<first-${ana}>`,
    });
    const [acknowledgement] = await fixture.mailbox(ana);
    expect(acknowledgement?.mail.subject).toMatch(/^\[Case #\d+\] Broken hinge$/);
    expect((await store.find([ana])).get(ana)).toMatchObject({ reason: 'complaint', detail: 'abuse' });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber;
    const notification = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.includes(`#${caseNumber}]`),
    );

    // Act: the agent answers the case, whose customers are Ana (To) and Bob (Cc)
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: 'We are sending a new hinge today.',
    });

    // Assess: Bob has the answer, addressed to both as the agent wrote it; Ana has nothing new
    const answer = (await fixture.mailbox(bob)).at(-1)?.mail;
    expect(answer?.text).toContain('We are sending a new hinge today.');
    expect(answer?.to && !Array.isArray(answer.to) ? answer.to.value.map((a) => a.address) : []).toEqual([ana]);
    expect(await fixture.mailbox(ana)).toHaveLength(1);
    const reply = await intakeOf(fixture.outcomes.at(-1)?.sesMessageId);
    expect(reply?.withheld).toEqual([
      expect.stringMatching(new RegExp(`^reply not sent to suppressed ${ana}: complaint \\(abuse\\) on `)),
    ]);
    expect(reply?.pendingSends).toBeUndefined();
  });

  it('SES mailbox simulator addresses (labelled or not) bounce and complain locally as they do on AWS', async () => {
    // Prepare: labelled, so no other test's use of the simulator counts
    const label = randomBytes(4).toString('hex');
    const [bounce, complaint] = [
      `bounce+${label}@simulator.amazonses.com`,
      `complaint+${label}@simulator.amazonses.com`,
    ];

    // Act: each writes in, and is acknowledged
    for (const address of [bounce, complaint])
      await customers.send({
        from: address,
        to: 'support@example.test',
        subject: 'Simulated',
        text: 'Testing suppression.',
        messageId: `<sim-${address}>`,
      });
    await fixture.stack.ses.settled();

    // Assess: the bounce filed nothing, the complaint was delivered, then reported; both are on the list
    expect(await fixture.mailbox(bounce)).toEqual([]);
    expect(await fixture.mailbox(complaint)).toHaveLength(1);
    const listed = await store.find([bounce, complaint]);
    expect([listed.get(bounce)?.reason, listed.get(complaint)?.reason]).toEqual(['bounce', 'complaint']);
  });

  it('an agent answer that reaches nobody comes back to the agent who wrote it, with the reason and the words, instead of vanishing', async () => {
    // Prepare: Ana opens a case, Maria takes it, then Ana's address starts bouncing for good
    await customers.send({
      from: `Ana <${ana}>`,
      to: 'support@example.test',
      subject: 'Where is my refund?',
      text: 'It has been two weeks.',
      messageId: `<refund-${ana}>`,
    });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber;
    const notification = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.includes(`#${caseNumber}]`),
    );
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: '#take',
    });
    fixture.stack.ses.simulate(ana, 'bounce');
    await customers.send({
      from: ana,
      to: 'support@example.test',
      subject: 'Ping',
      text: 'Hello?',
      messageId: `<ping-${ana}>`,
    });
    expect((await store.find([ana])).get(ana)).toMatchObject({ reason: 'bounce' });
    const toMaria = (await fixture.mailbox('maria@staff.example.com')).length;
    const toTom = (await fixture.mailbox('tom@staff.example.com')).length;

    // Act: Tom answers Maria's case
    await maria.send({
      from: 'Tom Becker <tom@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: 'The refund left our bank today.',
    });

    // Assess: nothing went to Ana; Tom, who wrote it, is told why, with his words; Maria gets nothing
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-updated', sent: ['withheld-notice'] });
    expect(await fixture.mailbox('maria@staff.example.com')).toHaveLength(toMaria);
    const notice = (await fixture.mailbox('tom@staff.example.com')).slice(toTom);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.mail.subject).toBe(`[Case #${caseNumber}] Not sent: our answer to ${ana}`);
    expect(notice[0]?.mail.text).toMatch(
      new RegExp(`${ana.replace('.', '\\.')}: bounce \\(Permanent General; 5\\.1\\.1`),
    );
    expect(notice[0]?.mail.text).toContain('The refund left our bank today.');
    expect((await intakeOf(fixture.outcomes.at(-1)?.sesMessageId))?.withheld).toEqual([
      expect.stringMatching(
        new RegExp(`^reply not sent: every recipient is suppressed \\(${ana.replace('.', '\\.')}: bounce`),
      ),
    ]);
  });

  it('an answer to a crowd too large for the commit to check comes back to its writer too, when every one of them is suppressed', async () => {
    // Prepare: Ana opens a case copying 25 colleagues (26 customers: more than the commit's transaction checks); then all of them are suppressed
    const crowd = Array.from({ length: 25 }, (_, i) => ana.replace('ana-', `colleague${i}-`));
    await customers.send({
      from: `Ana <${ana}>`,
      to: 'support@example.test',
      cc: crowd,
      subject: 'Our whole office is locked out',
      text: 'Nobody can sign in.',
      messageId: `<crowd-${ana}>`,
    });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber;
    const notification = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.includes(`#${caseNumber}]`),
    );
    for (const address of [ana, ...crowd])
      await store.record(
        {
          address,
          reason: 'bounce',
          detail: 'Permanent General; 5.1.1',
          at: '2026-12-02T09:00:00.000Z',
          sesMessageId: 'ses-crowd',
          feedbackId: `feedback-${address}`,
        },
        new Date(),
      );
    const sentBefore = fixture.stack.ses.sent.length;
    const toTom = (await fixture.mailbox('tom@staff.example.com')).length;

    // Act
    await maria.send({
      from: 'Tom Becker <tom@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: 'Sign-in works again for everyone.',
    });

    // Assess: nobody of the crowd got it; Tom is told, with every address and his words
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-updated', sent: ['withheld-notice'] });
    expect(fixture.stack.ses.sent.slice(sentBefore).map((m) => m.recipients)).toEqual([['tom@staff.example.com']]);
    const notice = (await fixture.mailbox('tom@staff.example.com')).slice(toTom);
    expect(notice.map((m) => m.mail.subject)).toEqual([
      `[Case #${caseNumber}] Not sent: our answer to ${ana}, ${crowd[0]} and 24 more`,
    ]);
    for (const address of [ana, ...crowd])
      expect(notice[0]?.mail.text).toContain(`${address}: bounce (Permanent General; 5.1.1`);
    expect(notice[0]?.mail.text).toContain('Sign-in works again for everyone.');
  });

  it('when every recipient is suppressed nothing is sent, the draft is ticked off with why, and the team still hears of the mail', async () => {
    // Prepare: Ana's address bounces for good
    fixture.stack.ses.simulate(ana, 'bounce');
    await customers.send({
      from: ana,
      to: 'support@example.test',
      subject: 'First try',
      text: 'Hello?',
      messageId: `<try-1-${ana}>`,
    });
    expect(await fixture.mailbox(ana)).toEqual([]);
    expect((await store.find([ana])).get(ana)).toMatchObject({
      reason: 'bounce',
      detail: expect.stringContaining('5.1.1'),
    });
    const sentBefore = fixture.stack.ses.sent.length;

    // Act: she writes again (from a working mailbox, the bounce says otherwise)
    const work = await dynamoDbWork(() =>
      customers.send({
        from: ana,
        to: 'support@example.test',
        subject: 'Second try',
        text: 'Anyone there?',
        messageId: `<try-2-${ana}>`,
      }),
    );

    // Assess
    const outcome = fixture.outcomes.at(-1);
    expect(outcome).toMatchObject({ outcome: 'case-opened', acknowledged: false, sent: ['notification'] });
    expect(fixture.stack.ses.sent.slice(sentBefore).flatMap((m) => m.recipients)).toEqual(['team@staff.example.com']);
    const intake = await intakeOf(outcome?.sesMessageId);
    expect(intake?.withheld).toEqual([
      expect.stringMatching(
        new RegExp(
          `^acknowledgement not sent: every recipient is suppressed \\(${ana}: bounce \\(Permanent General; 5\\.1\\.1; `,
        ),
      ),
    ]);
    expect(intake?.suppressed).toEqual({ [ana]: expect.stringMatching(/^bounce /) });
    expect(intake?.pendingSends).toBeUndefined();
    // Finding a recipient suppressed costs one read of the list and the commit again.
    expect(work).toEqual({
      DynamoDB: 6,
      'DynamoDB.BatchGetItem': 2,
      'DynamoDB.UpdateItem': 1,
      'DynamoDB.TransactWriteItems': 3,
    });
  });

  it('an outbox committed without the check (as response-time alerts and follow-ups commit theirs) reads the list before sending', async () => {
    // Prepare: Ana is suppressed; a draft to her and Bob waits in an outbox whose commit did not check
    fixture.stack.ses.simulate(ana, 'complaint');
    await customers.send({
      from: ana,
      to: 'support@example.test',
      subject: 'Hello',
      text: 'Hi.',
      messageId: `<hello-${ana}>`,
    });
    const acknowledgement = (await intakeOf(fixture.outcomes.at(-1)?.sesMessageId))?.outbox as Record<
      string,
      OutboundDraft
    >;
    const draft: OutboundDraft = {
      ...acknowledgement.acknowledgement!,
      to: [{ address: ana }],
      cc: [{ address: bob }],
    };
    const deps = await inboundDependencies();
    const now = deps.now().getTime();
    const intake: IntakeRecord = {
      intakeKey: `test:${ana}`,
      sesMessageId: `test-${ana}`,
      rawKey: '',
      receivedAt: new Date(now).toISOString(),
      outcome: 'case-updated',
      outbox: { 'follow-up': draft },
      pendingSends: new Set(['follow-up']),
      leaseUntil: now + OUTBOX_LEASE_MS,
    };
    expect(await deps.intakes.commitIntake({ intake })).toBe('created');

    // Act
    const sent = await sendOutbox(intake, now + OUTBOX_LEASE_MS, deps);

    // Assess
    expect(sent).toEqual(['follow-up']);
    expect(fixture.stack.ses.sent.at(-1)?.recipients).toEqual([bob]);
    expect(await deps.intakes.getIntake(intake.intakeKey)).toMatchObject({
      withheld: [expect.stringMatching(new RegExp(`^follow-up not sent to suppressed ${ana}: complaint`))],
    });
  });
});
