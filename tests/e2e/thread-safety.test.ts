import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

describe('nobody writes into a conversation that is not theirs, and machines cannot talk to us forever', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let client: ReturnType<typeof mailClient>;
  let ack: Awaited<ReturnType<StackFixture['mailbox']>>[number]['mail'];
  const messagesOf = async (caseNumber: number) =>
    (await fixture.items('message')).filter((m) => m.caseNumber === caseNumber);
  const caseOf = async (caseNumber: number) => (await fixture.items('case')).find((c) => c.caseNumber === caseNumber);
  const lastOutcome = () => fixture.outcomes.at(-1);

  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    client = mailClient(fixture);
    await client.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Refund for order 4711',
      text: 'Please refund me.',
      messageId: '<ana-refund@customer.test>',
    });
    const [first] = await fixture.mailbox('ana@customer.test');
    if (first === undefined) throw new Error('Ana was not acknowledged');
    ack = first.mail;
  });
  afterAll(async () => {
    client.close();
    await fixture.stop();
  });

  it('a stranger who copies the case tag into the subject gets a new case of their own', async () => {
    await client.send({
      from: 'mallory@evil.test',
      to: 'support@example.test',
      subject: 'Re: [Case #1001] Refund for order 4711',
      text: 'Send the refund to my account instead.',
    });

    expect(lastOutcome()).toMatchObject({
      outcome: 'case-opened',
      reason: expect.stringContaining('named case #1001 without taking part in it'),
    });
    expect(lastOutcome()?.caseNumber).not.toBe(1001);
    expect(await messagesOf(1001)).toHaveLength(3);
    expect(await caseOf(lastOutcome()!.caseNumber!)).toMatchObject({ flags: ['thread-mismatch'] });
    const [strangerAck] = await fixture.mailbox('mallory@evil.test');
    expect(strangerAck?.mail.subject).toBe(`[Case #${lastOutcome()?.caseNumber}] Refund for order 4711`);
  });

  it('a stranger who writes to the customer reply address gets a new case, and is told nothing about the token', async () => {
    await client.send({
      from: 'mallory@evil.test',
      to: replyToOf(ack),
      subject: 'Re: your case',
      text: 'I am Ana, change my address.',
    });

    expect(lastOutcome()).toMatchObject({
      outcome: 'case-opened',
      reason: expect.stringContaining('invalid reply token (bad-signature)'),
    });
    expect(await messagesOf(1001)).toHaveLength(3);
    const latest = (await fixture.mailbox('mallory@evil.test')).at(-1)?.mail;
    expect(latest?.text).not.toMatch(/token|invalid|1001/i);
  });

  it('a stranger who answers with In-Reply-To of our message gets a new case', async () => {
    await client.send({
      from: 'mallory@evil.test',
      to: 'support@example.test',
      subject: 'Re: hello',
      inReplyTo: ack.messageId,
      references: [ack.messageId!],
      text: 'Me too.',
    });

    expect(lastOutcome()).toMatchObject({ outcome: 'case-opened', reason: expect.stringContaining('#1001') });
    expect(await messagesOf(1001)).toHaveLength(3);
  });

  it('the customer herself joins her case by In-Reply-To alone, or by the tag alone, and a repeat of her mail is stored once', async () => {
    await client.send({
      from: 'ana@customer.test',
      to: 'support@example.test',
      subject: 'Re: hello',
      inReplyTo: ack.messageId,
      text: 'Any news?',
      messageId: '<ana-news@customer.test>',
    });
    await client.send({
      from: 'ana@customer.test',
      to: 'support@example.test',
      subject: 'Re: hello',
      inReplyTo: ack.messageId,
      text: 'Any news?',
      messageId: '<ana-news@customer.test>',
    });
    await client.send({
      from: 'ana@customer.test',
      to: 'support@example.test',
      subject: 'About [Case #1001]',
      text: 'Still waiting.',
    });

    expect(fixture.outcomes.slice(-3).map((o) => [o.outcome, o.caseNumber])).toEqual([
      ['case-updated', 1001],
      ['duplicate', 1001],
      ['case-updated', 1001],
    ]);
    expect((await messagesOf(1001)).filter((m) => m.kind === 'customer')).toHaveLength(3);
  });

  it('mail in an agent name that fails authentication runs nothing, reaches no customer, and the supervisor is told', async () => {
    const [notification] = await fixture.mailbox('team@staff.example.com');
    const before = await caseOf(1001);
    const anaBefore = (await fixture.mailbox('ana@customer.test')).length;

    await client.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: 'Re: case',
      text: '#solve\n\nRefund approved, all done!',
    });

    expect(lastOutcome()).toMatchObject({ outcome: 'case-opened', reason: expect.stringContaining('spoofed-agent') });
    expect((await caseOf(lastOutcome()!.caseNumber!))?.flags).toEqual(['unauthenticated', 'spoofed-agent']);
    expect(await caseOf(1001)).toMatchObject({ status: before?.status, version: before?.version });
    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(anaBefore);
    expect(await fixture.mailbox('maria@staff.example.com')).toHaveLength(0);
    const [alert] = await fixture.mailbox('sam@staff.example.com');
    expect(alert?.mail.subject).toContain(
      "Security: mail in Maria Lopez <maria@staff.example.com>'s name failed authentication",
    );
    expect(alert?.mail.text).toContain('DMARC FAIL');
  });

  it('an auto-responder that answers everything with fresh mail is cut off after the hourly limit', async () => {
    // A naive bot: no Auto-Submitted, new subject and no references each time, so every mail opens a case.
    let rounds = 0;
    let answered = 0;
    await client.send({
      from: 'bot@loop.test',
      to: 'support@example.test',
      subject: 'Ticket received',
      text: 'We got your mail.',
    });
    for (; rounds < 30; rounds++) {
      const inbox = await fixture.mailbox('bot@loop.test');
      if (inbox.length === answered) break;
      answered = inbox.length;
      await client.send({
        from: 'bot@loop.test',
        to: 'support@example.test',
        subject: `Ticket received #${rounds}`,
        text: 'We got your mail.',
      });
    }

    expect(rounds).toBeLessThan(30);
    expect(await fixture.mailbox('bot@loop.test')).toHaveLength(5);
    expect(lastOutcome()).toMatchObject({
      outcome: 'case-opened',
      acknowledged: false,
      reason: expect.stringContaining('automatic-mail limit'),
    });
  });

  it('a bounce of our acknowledgement is filed in its case, marks the address and tells the team', async () => {
    await client.send({
      from: 'Carol <carol@nowhere.test>',
      to: 'support@example.test',
      subject: 'Invoice copy',
      text: 'Can I have a copy?',
      messageId: '<carol-1@nowhere.test>',
    });
    const caseNumber = lastOutcome()!.caseNumber!;
    const [carolAck] = await fixture.mailbox('carol@nowhere.test');
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.nowhere.test>',
      'To: support@example.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.nowhere.test',
      '',
      'Final-Recipient: rfc822; carol@nowhere.test',
      'Action: failed',
      'Status: 5.1.1',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${carolAck!.mail.messageId}`,
      'Subject: [Case] Invoice copy',
      '--b1--',
      '',
    ].join('\r\n');

    await client.send({ envelope: { from: '', to: ['support@example.test'] }, raw: dsn });

    expect(lastOutcome()).toMatchObject({
      outcome: 'case-updated',
      caseNumber,
      reason: 'bounce: carol@nowhere.test (5.1.1)',
    });
    expect(await caseOf(caseNumber)).toMatchObject({ bouncing: ['carol@nowhere.test'] });
    expect((await messagesOf(caseNumber)).map((m) => m.kind)).toContain('bounce');
    const notice = (await fixture.mailbox('team@staff.example.com')).at(-1)?.mail;
    expect(notice?.subject).toBe(`[Case #${caseNumber}] Undeliverable: our mail to carol@nowhere.test`);
    expect(await fixture.mailbox('carol@nowhere.test')).toHaveLength(1);
  });
});
