import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * DMARC proves the domain of the From address, and nothing else a mail says. attacker.test signs
 * its mail and publishes DMARC, so its own mail passes; these mails pass DMARC as attacker.test
 * while naming someone else (an agent, a customer) in a place we might take for the sender.
 */
describe('a sender that passes DMARC for its own domain cannot pass as someone else', () => {
  const agents = agentDomainZone();
  const attacker = agentDomainZone('attacker.test');
  /** A local part longer than RFC 5321 allows: a From we would not answer, on the attacker's own domain. */
  const unanswerable = `${'e'.repeat(70)}@attacker.test`;
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  let eve: ReturnType<typeof mailClient>;
  let caseNumber: number;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: { ...agents.zone, ...attacker.zone } });
    maria = mailClient(fixture, { dkim: agents.dkim });
    customer = mailClient(fixture);
    eve = mailClient(fixture, { dkim: attacker.dkim });
    // Ana opens a case and Maria answers it
    await customer.send({
      from: 'Ana <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Invoice address',
      text: 'Please change my invoice address.',
      messageId: '<ana-1@customer.test>',
    });
    caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;
    const [notification] = await fixture.mailbox('team@staff.example.com');
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: 'Done, Ana.',
    });
  });
  afterAll(async () => {
    for (const client of [maria, customer, eve]) client?.close();
    await fixture?.stop();
  });

  const caseItem = async () => (await fixture.items('case')).find((c) => c.caseNumber === caseNumber);

  it("an agent's address in the display name of an unanswerable From does not make the mail an agent's", async () => {
    // Act: Eve's mail passes DMARC as attacker.test and names Maria only in the display name
    await eve.send({
      from: `"maria@staff.example.com" <${unanswerable}>`,
      to: 'support@example.test',
      subject: `Re: [Case #${caseNumber}] Invoice address`,
      text: '#cc eve@attacker.test\n\nCopying our billing partner.',
    });

    // Assess: no agent acted on Ana's case; Eve reads nothing of it
    expect(fixture.outcomes.at(-1)?.caseNumber).not.toBe(caseNumber);
    expect((await caseItem())?.participants).toEqual(['ana@customer.test']);
    expect(await fixture.mailbox('eve@attacker.test')).toEqual([]);
  });

  it("an agent's address in Sender, beside a From that DMARC proved for another domain, is no agent either", async () => {
    await eve.send({
      from: `"Billing" <${unanswerable}>`,
      sender: 'maria@staff.example.com',
      to: 'support@example.test',
      subject: `Re: [Case #${caseNumber}] Invoice address`,
      text: '#cc eve@attacker.test\n\nCopying our billing partner.',
    });

    expect(fixture.outcomes.at(-1)?.caseNumber).not.toBe(caseNumber);
    expect((await caseItem())?.participants).toEqual(['ana@customer.test']);
    expect(await fixture.mailbox('eve@attacker.test')).toEqual([]);
  });

  it("a customer's address in the display name does not let the mail copy its writer into her case", async () => {
    await eve.send({
      from: `"ana@customer.test" <${unanswerable}>`,
      to: 'support@example.test',
      cc: 'eve@attacker.test',
      subject: `Re: [Case #${caseNumber}] Invoice address`,
      references: ['<ana-1@customer.test>'],
      text: 'Please send the invoice again.',
    });

    expect((await caseItem())?.participants).toEqual(['ana@customer.test']);
    expect(await fixture.mailbox('eve@attacker.test')).toEqual([]);
  });

  it('a second mailbox in From, after one we would not answer, is not taken for the sender', async () => {
    const raw = [
      `From: ${unanswerable}, Maria Lopez <maria@staff.example.com>`,
      'To: support@example.test',
      `Subject: Re: [Case #${caseNumber}] Invoice address`,
      'Message-ID: <two-froms@attacker.test>',
      '',
      '#cc eve@attacker.test',
      '',
    ].join('\r\n');
    await eve.send({ raw, envelope: { from: 'bounces@attacker.test', to: ['support@example.test'] } });

    expect(fixture.outcomes.at(-1)?.caseNumber).not.toBe(caseNumber);
    expect((await caseItem())?.participants).toEqual(['ana@customer.test']);
    expect(await fixture.mailbox('eve@attacker.test')).toEqual([]);
  });
});
