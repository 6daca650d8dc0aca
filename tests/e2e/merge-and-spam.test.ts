import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { teamMail } from '../support/team-mail.ts';

const MARIA = 'Maria Lopez <maria@staff.example.com>';
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

describe('#merge joins two cases of one customer; #spam closes quietly and blocks the sender', () => {
  const staff = agentDomainZone();
  let fixture: StackFixture;
  let agents: ReturnType<typeof mailClient>;
  let outsiders: ReturnType<typeof mailClient>;
  let mail: ReturnType<typeof teamMail>;

  beforeAll(async () => {
    fixture = await startStackFixture({ zone: staff.zone });
    agents = mailClient(fixture, { dkim: staff.dkim });
    outsiders = mailClient(fixture);
    mail = teamMail(fixture);
  });
  afterAll(async () => {
    agents.close();
    outsiders.close();
    await fixture.stop();
  });

  const latestOutcome = () => fixture.outcomes.at(-1);
  const newCase = (from: string, subject: string, text: string) =>
    outsiders.send({ from, to: 'support@example.test', subject, text });

  it('merges a case into another: messages, customer side and notes move, the customer hears nothing, both assignees are told', async () => {
    // Prepare: Ana opens #1001 and #1002 about one refund; Tom holds #1001; Maria notes something on #1002.
    await newCase('Ana Souza <ana@customer.test>', 'Refund for order 88', 'I returned order 88 two weeks ago.');
    await newCase('Ana Souza <ana@customer.test>', 'Where is my refund?', 'Still no refund for 88!');
    await mail.answer(agents, MARIA, 'team@staff.example.com', 1001, '#assign tom');
    await mail.answer(agents, MARIA, 'team@staff.example.com', 1002, '#note she also called on the phone');
    const anaBefore = (await fixture.mailbox('ana@customer.test')).length;
    const tomBefore = (await fixture.mailbox('tom@staff.example.com')).length;
    const teamBefore = (await fixture.mailbox('team@staff.example.com')).length;

    // Act
    await mail.answer(agents, MARIA, 'team@staff.example.com', 1002, '#merge 1001');

    // Assess
    expect(await mail.caseNumbered(1002)).toMatchObject({ status: 'solved', mergedInto: 1001 });
    expect(await mail.caseNumbered(1001)).toMatchObject({ status: 'new', mergedFrom: [1002], assignee: 'A-102' });
    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(anaBefore);
    const toTom = (await fixture.mailbox('tom@staff.example.com')).slice(tomBefore);
    const toTeam = (await fixture.mailbox('team@staff.example.com')).slice(teamBefore);
    expect(toTom.map((m) => m.mail.subject)).toEqual([
      '[Case #1001] Maria Lopez (A-101) merged case #1002 into #1001: Refund for order 88',
    ]);
    expect(toTom[0]?.mail.text).toContain(
      'Case #1002 ("Where is my refund?", from ana@customer.test) is part of this case now',
    );
    expect(toTeam.map((m) => m.mail.subject)).toEqual([
      '[Case #1002] Maria Lopez (A-101) merged case #1002 into #1001: Where is my refund?',
    ]);
    // The survivor's conversation, as `cases show` reads it, holds the merged case's message and note.
    const shown = await mail.support('cases', 'show', '1001');
    expect(shown.out).toContain('Still no refund for 88!');
    expect(shown.out).toContain('she also called on the phone');
    expect(shown.out).toMatch(/Merged in\s+#1002/);
  });

  it("the customer's replies to either old thread land in the survivor", async () => {
    // Act: a reply to #1002's acknowledgement (its token, Message-ID and tag), then to #1001's.
    const tomBefore = (await fixture.mailbox('tom@staff.example.com')).length;
    const acks = await fixture.mailbox('ana@customer.test');
    const ackOf = (n: number) => acks.find((a) => a.mail.subject?.includes(`[Case #${n}]`));
    for (const n of [1002, 1001]) {
      const ack = ackOf(n);
      await outsiders.send({
        from: 'ana@customer.test',
        to: ack?.mail.replyTo?.value[0]?.address ?? '',
        subject: `Re: ${ack?.mail.subject}`,
        inReplyTo: ack?.mail.messageId ?? '',
        references: [ack?.mail.messageId ?? ''],
        text: `Reply on the thread of #${n}.`,
      });
      // Assess
      expect(latestOutcome()).toMatchObject({ outcome: 'case-updated', caseNumber: 1001 });
    }
    // A reply that keeps only the [Case #1002] tag (no token, no references) finds the survivor too.
    await outsiders.send({
      from: 'ana@customer.test',
      to: 'support@example.test',
      subject: 'Re: [Case #1002] Where is my refund?',
      text: 'Tag only.',
    });
    expect(latestOutcome()).toMatchObject({ outcome: 'case-updated', caseNumber: 1001 });
    expect(await fixture.items('case')).toHaveLength(2);
    const toTom = (await fixture.mailbox('tom@staff.example.com')).slice(tomBefore);
    expect(
      toTom.map((m) => m.mail.text?.split('\n').find((l) => l.startsWith('Reply on') || l === 'Tag only.')),
    ).toEqual(['Reply on the thread of #1002.', 'Reply on the thread of #1001.', 'Tag only.']);
  });

  it('merging into itself, a case that does not exist, a merged case or a solved one is a command error', async () => {
    // Prepare: #1003 is opened and solved.
    await newCase('Bo Lind <bo@customer.test>', 'Password reset', 'Cannot reset my password.');
    await mail.answer(agents, MARIA, 'team@staff.example.com', 1003, '#solve\nDone, a reset link is on its way.');
    const before = (await fixture.mailbox('maria@staff.example.com')).length;

    // Act
    for (const target of ['1001', '9999', '1002', '1003'])
      await mail.answer(agents, MARIA, 'tom@staff.example.com', 1001, `#merge ${target}`);

    // Assess
    const explanations = (await fixture.mailbox('maria@staff.example.com')).slice(before);
    expect(explanations.map((m) => m.mail.text?.split('\n').find((l) => l.includes('#merge ')))).toEqual([
      expect.stringContaining('#merge 1001: this is case #1001 itself'),
      expect.stringContaining('#merge 9999: there is no case #9999.'),
      expect.stringContaining('#merge 1002: case #1002 was itself merged into #1001'),
      expect.stringContaining('#merge 1003: case #1003 is solved'),
    ]);
    expect(await mail.caseNumbered(1001)).toMatchObject({ status: 'new', mergedFrom: [1002] });
    expect((await mail.caseNumbered(1003))?.mergedInto).toBeUndefined();
  });

  it('#spam closes the case without mail and cancels its timers; the sender’s next mail is kept, counted and recorded, and opens nothing', async () => {
    // Prepare
    await newCase('Deals <offers@junk.test>', 'Cheap watches', 'Buy now!');
    const junkBefore = (await fixture.mailbox('offers@junk.test')).length;

    // Act
    await mail.answer(agents, MARIA, 'team@staff.example.com', 1004, '#spam');
    const spamIntake = (await fixture.items('intake')).find((i) => i.sesMessageId === latestOutcome()?.sesMessageId);
    const teamBefore = (await fixture.mailbox('team@staff.example.com')).length;
    await newCase('Deals <offers@junk.test>', 'Even cheaper watches', 'Buy now, really!');

    // Assess
    expect(await mail.caseNumbered(1004)).toMatchObject({ status: 'solved', flags: ['spam'] });
    expect(spamIntake?.slaChecks).toBeUndefined();
    expect(spamIntake?.outbox).toEqual({});
    const held = latestOutcome();
    expect(held).toMatchObject({ outcome: 'held', sent: [], acknowledged: false });
    expect(held?.reason).toMatch(
      /^blocked sender: offers@junk\.test \(blocked as spam on case #1004 by Maria Lopez \(A-101\)/,
    );
    expect(await fixture.items('case')).toHaveLength(4);
    expect(await fixture.mailbox('offers@junk.test')).toHaveLength(junkBefore);
    expect(await fixture.mailbox('team@staff.example.com')).toHaveLength(teamBefore);
    const record = (await fixture.items('intake')).find((i) => i.sesMessageId === held?.sesMessageId);
    expect(record).toMatchObject({ outcome: 'held', reason: held?.reason });
    const s3 = new S3Client({ forcePathStyle: true });
    const raw = await s3.send(new GetObjectCommand({ Bucket: fixture.stack.bucketName, Key: String(record?.rawKey) }));
    expect(await raw.Body?.transformToString()).toContain('Buy now, really!');
    s3.destroy();
    expect((await mail.support('blocks', 'list')).out).toMatch(
      /offers@junk\.test\s+address .*Maria Lopez \(A-101\)\s+#1004/,
    );
  });

  it('#spam domain blocks everyone at the domain; support blocks remove lifts it', async () => {
    // Prepare
    await newCase('promo@spam-domain.test', 'Offer', 'Limited offer.');
    await mail.answer(agents, MARIA, 'team@staff.example.com', 1005, '#spam domain');

    // Act
    await newCase('other@spam-domain.test', 'Another offer', 'Also limited.');
    const held = latestOutcome();
    const removed = await mail.support('blocks', 'remove', 'spam-domain.test');
    await newCase('third@spam-domain.test', 'Real question', 'Actually I have a question.');

    // Assess
    expect(held).toMatchObject({ outcome: 'held' });
    expect(held?.reason).toMatch(/^blocked sender: domain spam-domain\.test/);
    expect(removed.out).toContain('Lifted the block on spam-domain.test');
    expect(latestOutcome()).toMatchObject({ outcome: 'case-opened', caseNumber: 1006 });
  });

  it('support blocks add blocks an address by hand', async () => {
    // Act
    const added = await mail.support('blocks', 'add', 'Pushy@Vendor.test');
    await newCase('pushy@vendor.test', 'Partnership?', 'Let us talk about leads.');

    // Assess
    expect(added.out).toContain('Blocked address pushy@vendor.test');
    expect(latestOutcome()).toMatchObject({ outcome: 'held', sent: [] });
    expect(latestOutcome()?.reason).toMatch(
      /^blocked sender: pushy@vendor\.test \(blocked by support CLI on \d{4}-\d\d-\d\d\)$/,
    );
  });

  it('cases SES marks as spam and spoofed-agent cases queue no response-time checks', async () => {
    // Act
    // The test string on a line of its own, so quoted-printable does not fold it.
    await newCase('bulk@ads.test', 'Great offer', `Click here.\n${GTUBE}\n`);
    const spam = latestOutcome();
    await outsiders.send({ from: MARIA, to: 'support@example.test', subject: 'Please wire money', text: 'Urgent.' });
    const spoofed = latestOutcome();

    // Assess
    const intakes = await fixture.items('intake');
    for (const outcome of [spam, spoofed]) {
      expect(outcome).toMatchObject({ outcome: 'case-opened' });
      expect(intakes.find((i) => i.sesMessageId === outcome?.sesMessageId)?.slaChecks).toBeUndefined();
    }
    expect(await mail.caseNumbered(spam?.caseNumber ?? 0)).toMatchObject({ flags: expect.arrayContaining(['spam']) });
    expect(await mail.caseNumbered(spoofed?.caseNumber ?? 0)).toMatchObject({
      flags: expect.arrayContaining(['spoofed-agent']),
    });
  });
});
