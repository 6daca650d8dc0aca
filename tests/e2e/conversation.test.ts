import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

describe('a conversation carried on by mail, customer and agent each in their own client', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    maria = mailClient(fixture, { dkim: agents.dkim });
    customer = mailClient(fixture);
  });
  afterAll(async () => {
    maria.close();
    customer.close();
    await fixture.stop();
  });

  it('a customer writes: she is acknowledged, and the team is notified with a reply address for agents', async () => {
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'My order never arrived',
      text: 'Hello, order 4711 never arrived. Can you help?',
      messageId: '<ana-1@customer.test>',
    });

    const [ack] = await fixture.mailbox('ana@customer.test');
    expect(ack?.mail.subject).toBe('[Case #1001] My order never arrived');
    expect(replyToOf(ack!.mail)).toMatch(/^support\+1001-c[0-9a-z]+-[a-z2-7]{16}@example\.test$/);
    const [notification] = await fixture.mailbox('team@staff.example.com');
    expect(notification?.mail.subject).toBe('[Case #1001] New case: My order never arrived');
    expect(notification?.mail.text).toContain('New case #1001 from Ana Souza <ana@customer.test>');
    expect(notification?.mail.text).toContain('Hello, order 4711 never arrived. Can you help?');
    expect(notification?.mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(replyToOf(notification!.mail)).toMatch(/^support\+1001-a[0-9a-z]+-[a-z2-7]{16}@example\.test$/);
  });

  it('the agent answers from her client with the notification quoted and #pending: the customer gets only the answer, signed and threaded', async () => {
    const [notification] = await fixture.mailbox('team@staff.example.com');
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      inReplyTo: notification!.mail.messageId,
      references: [notification!.mail.messageId!],
      text: `#pending\n\nHi Ana,\n\nSorry about that: we sent a replacement today, tracking number 123456.\n\nBest,\nMaria\n\nOn Sun, 22 Nov 2026 at 08:00, Example Support <support@example.test> wrote:\n> New case #1001 from Ana Souza <ana@customer.test>\n> Hello, order 4711 never arrived. Can you help?\n`,
    });

    const inbox = await fixture.mailbox('ana@customer.test');
    expect(inbox).toHaveLength(2);
    const answer = inbox[1]!.mail;
    expect(answer.from?.value[0]).toEqual({ address: 'support@example.test', name: 'Maria Lopez (Example Support)' });
    expect(answer.subject).toBe('Re: [Case #1001] My order never arrived');
    expect(answer.inReplyTo).toBe('<ana-1@customer.test>');
    expect(answer.references).toContain('<ana-1@customer.test>');
    expect(answer.headers.has('auto-submitted')).toBe(false);
    expect(answer.text).toContain('Sorry about that: we sent a replacement today, tracking number 123456.');
    expect(answer.text).toContain('Maria Lopez · Agent ID A-101');
    expect(answer.text).not.toContain('#pending');
    expect(answer.text).not.toContain('New case #1001');
    expect(replyToOf(answer)).toMatch(/^support\+1001-c/);
    const [supportCase] = await fixture.items('case');
    expect(supportCase).toMatchObject({
      caseNumber: 1001,
      status: 'pending',
      assignee: 'A-101',
      firstResponseAt: expect.any(String),
    });
  });

  it('the customer answers from a client that drops References: it lands in the same case, reopens it and notifies the assignee', async () => {
    const answer = (await fixture.mailbox('ana@customer.test'))[1]!.mail;
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: replyToOf(answer),
      subject: `Re: ${answer.subject}`,
      inReplyTo: answer.messageId,
      text: `Thanks! It arrived this morning.\n\nOn 22 Nov 2026, at 09:00, Maria Lopez (Example Support) <support@example.test> wrote:\n> Sorry about that: we sent a replacement today.\n`,
      messageId: '<ana-2@customer.test>',
    });

    expect(await fixture.items('case')).toHaveLength(1);
    const [supportCase] = await fixture.items('case');
    expect(supportCase).toMatchObject({ status: 'open', lastCustomerMessageId: '<ana-2@customer.test>' });
    const [toMaria] = await fixture.mailbox('maria@staff.example.com');
    expect(toMaria?.mail.subject).toBe('[Case #1001] Customer replied: My order never arrived');
    expect(toMaria?.mail.text).toContain('Thanks! It arrived this morning.');
    const words = toMaria?.mail.text?.split('Earlier in this case:')[0] ?? '';
    expect(words).not.toContain('Sorry about that');
    expect(words).not.toContain('wrote:');
    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(2);
  });

  it('an agent logged in on the local SMTP port runs commands only: the customer hears nothing', async () => {
    const tom = mailClient(fixture, { login: 'tom@staff.example.com' });
    const [notification] = await fixture.mailbox('maria@staff.example.com');
    await tom.send({
      from: 'tom@staff.example.com',
      to: replyToOf(notification!.mail),
      subject: 'Re: case',
      text: '#take\n#priority urgent\n#cc bob@customer.test\n',
    });
    tom.close();

    const [supportCase] = await fixture.items('case');
    expect(supportCase).toMatchObject({ assignee: 'A-102', priority: 'urgent' });
    expect(supportCase?.participants).toEqual(expect.arrayContaining(['ana@customer.test', 'bob@customer.test']));
    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(2);
  });

  it('a note stays internal, an escalation reaches the supervisor, a bug report reaches engineering', async () => {
    const [notification] = await fixture.mailbox('team@staff.example.com');
    await maria.send({
      from: 'maria@staff.example.com',
      to: replyToOf(notification!.mail),
      subject: 'Re: case',
      text: '#note She called; replacement confirmed.\n#bug checkout shows no tracking number\n#escalate wants compensation for the delay\n',
    });

    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(2);
    const [escalation] = await fixture.mailbox('sam@staff.example.com');
    expect(escalation?.mail.subject).toBe('[Case #1001] Escalated to you: My order never arrived');
    expect(escalation?.mail.text).toContain('wants compensation for the delay');
    const [bug] = await fixture.mailbox('engineering@staff.example.com');
    expect(bug?.mail.subject).toBe('[Case #1001] Bug report: checkout shows no tracking number');
    // Engineering answers by replying: its own token files the answer in the case as a note.
    expect(bug?.mail.replyTo?.value[0]?.address).toMatch(/^support\+1001-e/);
    const notes = (await fixture.items('message')).filter((m) => m.kind === 'note');
    expect(notes.map((n) => n.textSummary)).toContainEqual(
      expect.stringContaining('She called; replacement confirmed.'),
    );
    const [supportCase] = await fixture.items('case');
    expect(supportCase).toMatchObject({ assignee: 'S-001' });
  });

  it('an unknown command sends the customer nothing and explains the problem to the agent', async () => {
    const [notification] = await fixture.mailbox('team@staff.example.com');
    const before = await fixture.items('case');
    await maria.send({
      from: 'maria@staff.example.com',
      to: replyToOf(notification!.mail),
      subject: 'Re: case',
      text: '#close\n\nAll done, Ana!',
    });

    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(2);
    const explanations = (await fixture.mailbox('maria@staff.example.com')).filter((m) =>
      m.mail.subject?.includes('was not sent'),
    );
    expect(explanations).toHaveLength(1);
    expect(explanations[0]?.mail.text).toContain('#close is not a command I know.');
    expect(explanations[0]?.mail.text).toContain('#solve');
    expect((await fixture.items('case'))[0]).toMatchObject({ status: before[0]?.status, version: before[0]?.version });
  });

  it('the next answer goes to everyone on the thread, with the agent attachment', async () => {
    const [notification] = await fixture.mailbox('team@staff.example.com');
    await maria.send({
      from: 'maria@staff.example.com',
      to: replyToOf(notification!.mail),
      subject: 'Re: case',
      text: 'Hi Ana and Bob, the shipping label is attached.',
      attachments: [{ filename: 'label.pdf', content: Buffer.from('%PDF-1.4 label'), contentType: 'application/pdf' }],
    });

    const answer = (await fixture.mailbox('ana@customer.test')).at(-1)!.mail;
    expect(answer.text).toContain('the shipping label is attached');
    expect(answer.cc && !Array.isArray(answer.cc) ? answer.cc.value.map((a) => a.address) : []).toEqual([
      'bob@customer.test',
    ]);
    expect(answer.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['label.pdf', '%PDF-1.4 label'],
    ]);
    expect(await fixture.mailbox('bob@customer.test')).toHaveLength(1);
  });
});

describe('a format=flowed reply', () => {
  let fixture: StackFixture;
  beforeAll(async () => {
    fixture = await startStackFixture();
  });
  afterAll(() => fixture.stop());

  it('reaches the agent without the quoted line that flowed decoding would glue onto it', async () => {
    await fixture.send({
      from: 'ana@customer.test',
      to: 'support@example.test',
      subject: 'Parcel',
      text: 'Where is it?',
      messageId: '<f1@customer.test>',
    });
    const [ack] = await fixture.mailbox('ana@customer.test');
    const raw = [
      'From: ana@customer.test',
      `To: ${replyToOf(ack!.mail)}`,
      'Subject: Re: [Case #1001] Parcel',
      `In-Reply-To: ${ack!.mail.messageId}`,
      'Message-ID: <f2@customer.test>',
      'Content-Type: text/plain; charset=utf-8; format=flowed',
      '',
      'Thanks, it arrived this morning! ',
      '> Thank you for writing to us.',
      '',
    ].join('\r\n');

    await fixture.send({ envelope: { from: 'ana@customer.test', to: [replyToOf(ack!.mail)] }, raw });

    const [, update] = await fixture.mailbox('team@staff.example.com');
    const words = update?.mail.text?.split('Earlier in this case:')[0] ?? '';
    expect(words).toContain('Thanks, it arrived this morning!');
    expect(words).not.toContain('Thank you for writing to us');
  });
});
