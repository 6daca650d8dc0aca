import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * Who reads a case. customer.test publishes no DMARC policy (SES says GRAY: anyone can forge its
 * From); proven.test signs its mail and publishes DMARC, so its mail passes.
 */
describe('nobody joins a conversation uninvited', () => {
  const agents = agentDomainZone();
  const proven = agentDomainZone('proven.test');
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let stranger: ReturnType<typeof mailClient>;
  let signed: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: { ...agents.zone, ...proven.zone } });
    maria = mailClient(fixture, { dkim: agents.dkim });
    stranger = mailClient(fixture);
    signed = mailClient(fixture, { dkim: proven.dkim });
  });
  afterAll(async () => {
    for (const client of [maria, stranger, signed]) client.close();
    await fixture.stop();
  });

  const notifications = async (caseNumber: number) =>
    (await fixture.mailbox('team@staff.example.com'))
      .concat(await fixture.mailbox('maria@staff.example.com'))
      .filter((m) => m.mail.subject?.startsWith(`[Case #${caseNumber}]`));
  const caseItem = async (caseNumber: number) => (await fixture.items('case')).find((c) => c.caseNumber === caseNumber);
  const addressesOf = (
    field: { value: Array<{ address?: string }> } | Array<{ value: Array<{ address?: string }> }> | undefined,
  ) =>
    (field === undefined ? [] : Array.isArray(field) ? field.flatMap((f) => f.value) : field.value).map(
      (a) => a.address,
    );

  it('a forged customer mail that names her case and copies the forger: it is filed, but the forger reads nothing and the agent is told', async () => {
    // Prepare: Ana opens a case; Maria answers it
    await stranger.send({
      from: 'Ana <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Invoice address',
      text: 'Please change my invoice address.',
      messageId: '<ana-1@customer.test>',
    });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;
    const [newCase] = await notifications(caseNumber);
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(newCase!.mail),
      subject: `Re: ${newCase!.mail.subject}`,
      text: 'Done, Ana.',
    });

    // Act: someone forges Ana's From, names the case by subject and References, and copies themselves
    await stranger.send({
      from: 'Ana <ana@customer.test>',
      to: 'support@example.test',
      cc: 'Eve <eve@attacker.test>',
      subject: `Re: [Case #${caseNumber}] Invoice address`,
      references: ['<ana-1@customer.test>'],
      inReplyTo: '<ana-1@customer.test>',
      text: 'Please send the invoice again.',
      messageId: '<forged-1@attacker.test>',
    });

    // Assess: the mail is in Ana's case (she may write), Eve is not a participant, the agent is told why
    expect(fixture.outcomes.at(-1)).toMatchObject({
      outcome: 'case-updated',
      caseNumber,
      reason: 'copied addresses not added (sender unverified): eve@attacker.test',
    });
    expect((await caseItem(caseNumber))?.participants).toEqual(['ana@customer.test']);
    const told = (await notifications(caseNumber)).at(-1)?.mail;
    expect(told?.subject).toBe(`[Case #${caseNumber}] Customer replied: Invoice address`);
    expect(told?.text).toContain(
      'Also addressed to eve@attacker.test (not added: sender unverified). To include them, reply with #cc <address>.',
    );
    expect(told?.html).toContain('Also addressed to eve@attacker.test (not added: sender unverified).');

    // Act: Maria answers the case
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(told!),
      subject: `Re: ${told!.subject}`,
      text: 'Sent again to the address on file.',
    });

    // Assess: Ana has the answer; Eve has nothing at all
    expect((await fixture.mailbox('ana@customer.test')).at(-1)?.mail.text).toContain(
      'Sent again to the address on file.',
    );
    expect(await fixture.mailbox('eve@attacker.test')).toEqual([]);
  });

  it('the agent can still bring a copied address in with #cc', async () => {
    const caseNumber = fixture.outcomes.find((o) => o.outcome === 'case-opened')?.caseNumber ?? 0;
    const told = (await notifications(caseNumber)).at(-1)?.mail;
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(told!),
      subject: `Re: ${told!.subject}`,
      text: '#cc eve@attacker.test\n\nCopying your colleague as you asked.',
    });

    expect((await caseItem(caseNumber))?.participants).toEqual(['ana@customer.test', 'eve@attacker.test']);
    expect((await fixture.mailbox('eve@attacker.test')).at(-1)?.mail.text).toContain(
      'Copying your colleague as you asked.',
    );
  });

  it("a reply through the customer's own signed reply address may copy a colleague in, and the agent sees who joined", async () => {
    // Prepare: Bea's first mail, unproven, copies Carl: he is not let in
    await stranger.send({
      from: 'Bea <bea@customer.test>',
      to: 'support@example.test',
      cc: 'carl@customer.test',
      subject: 'Login fails',
      text: 'I cannot log in.',
      messageId: '<bea-1@customer.test>',
    });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;
    expect((await caseItem(caseNumber))?.participants).toEqual(['bea@customer.test']);
    expect((await notifications(caseNumber))[0]?.mail.text).toContain(
      'Also addressed to carl@customer.test (not added: sender unverified).',
    );
    expect(await fixture.mailbox('carl@customer.test')).toEqual([]);
    const [ack] = await fixture.mailbox('bea@customer.test');

    // Act: Bea answers her acknowledgement (its Reply-To carries a token signed for her and the case), copying Carl
    await stranger.send({
      from: 'Bea <bea@customer.test>',
      to: replyToOf(ack!.mail),
      cc: 'carl@customer.test',
      subject: `Re: ${ack!.mail.subject}`,
      text: 'Carl is my admin, please copy him.',
      messageId: '<bea-2@customer.test>',
    });

    // Assess
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-updated', caseNumber });
    expect(fixture.outcomes.at(-1)?.reason).toBeUndefined();
    expect((await caseItem(caseNumber))?.participants).toEqual(['bea@customer.test', 'carl@customer.test']);
    expect((await notifications(caseNumber)).at(-1)?.mail.text).toContain(
      'Added to the conversation (copied by the customer): carl@customer.test',
    );
  });

  it('a new case from a sender who passes DMARC brings in whom she copied, and the answer reaches them', async () => {
    await signed.send({
      from: 'Dana <dana@proven.test>',
      to: 'support@example.test',
      cc: 'frank@proven.test, Team <team@staff.example.com>',
      subject: 'Broken hinge',
      text: 'The hinge broke.',
      messageId: '<dana-1@proven.test>',
    });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;

    expect((await caseItem(caseNumber))?.participants).toEqual(['dana@proven.test', 'frank@proven.test']);
    const [notification] = await notifications(caseNumber);
    expect(notification?.mail.text).toContain('Added to the conversation (copied by the customer): frank@proven.test');
    expect(notification?.mail.text).not.toContain('not added');
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: 'A new hinge is on its way.',
    });
    const answer = (await fixture.mailbox('frank@proven.test')).at(-1)?.mail;
    expect(answer?.text).toContain('A new hinge is on its way.');
    expect(addressesOf(answer?.to)).toEqual(['dana@proven.test']);
    expect(addressesOf(answer?.cc)).toEqual(['frank@proven.test']);
  });
});
