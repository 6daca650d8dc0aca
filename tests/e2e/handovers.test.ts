import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const ANA = 'ana@customer.test';
const MARIA = 'maria@staff.example.com';
const TOM = 'tom@staff.example.com';
const SAM = 'sam@staff.example.com';
const NOTE = 'She called: she wants a call back before noon.';
const AGENT_REPLY_TO = /^support\+1001-a[0-9a-z]+-[a-z2-7]{16}@example\.test$/;

/** Everything a person reads in a mail: its text and its HTML. */
const readable = (mail: ParsedMail) => `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;

describe('handovers, internal notes, saved answers and command errors, over SMTP', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let staff: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    staff = mailClient(fixture, { dkim: agents.dkim });
    customer = mailClient(fixture);
  });
  afterAll(async () => {
    staff.close();
    customer.close();
    await fixture.stop();
  });

  const inbox = (address: string) => fixture.mailbox(address);
  const counts = async () =>
    Object.fromEntries(await Promise.all([MARIA, TOM, SAM, ANA].map(async (a) => [a, (await inbox(a)).length])));
  /** An agent replies from their own client (DKIM-signed) to `mail`'s Reply-To, quoting it as clients do. */
  const agentReplies = (from: string, mail: ParsedMail, text: string) =>
    staff.send({
      from,
      to: replyToOf(mail),
      subject: `Re: ${mail.subject}`,
      inReplyTo: mail.messageId,
      text: `${text}\n\nOn Mon, 7 Dec 2026 at 10:00, Example Support <support@example.test> wrote:\n> ${mail.text?.split('\n')[0]}\n`,
    });
  const teamNotification = async () => (await inbox('team@staff.example.com'))[0]!.mail;

  it('taking a case nobody held, then taking it again, mails nobody', async () => {
    // Prepare
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Refund for order 4711',
      text: 'I sent the blender back last week. When do I get my money?',
      messageId: '<ana-1@customer.test>',
    });
    // Act
    await agentReplies(MARIA, await teamNotification(), `#take\n#note ${NOTE}`);
    await agentReplies(MARIA, await teamNotification(), '#take');
    // Assess
    expect(await counts()).toEqual({ [MARIA]: 0, [TOM]: 0, [SAM]: 0, [ANA]: 1 });
    expect((await fixture.items('case'))[0]).toMatchObject({ assignee: 'A-101' });
  });

  it('#assign mails the new holder the case with a working Reply-To, and tells the previous holder', async () => {
    // Act: the supervisor moves Maria's case to Tom.
    await agentReplies(SAM, await teamNotification(), '#assign tom');
    // Assess: Tom has the case, the customer's words in full, the note marked internal.
    const [handover] = await inbox(TOM);
    expect(handover?.mail.subject).toBe('[Case #1001] Assigned to you: Refund for order 4711');
    expect(handover?.raw.toString()).toMatch(/^Reply-To: support\+1001-a/m);
    expect(replyToOf(handover!.mail)).toMatch(AGENT_REPLY_TO);
    expect(handover?.mail.text).toContain(
      'Sam Okafor (S-001) assigned case #1001 to you (it was with Maria Lopez (A-101)).',
    );
    expect(handover?.mail.text).toContain('I sent the blender back last week. When do I get my money?');
    expect(handover?.mail.text).toContain(`Internal note from Maria Lopez (A-101): ${NOTE}`);
    const [told] = await inbox(MARIA);
    expect(told?.mail.subject).toBe('[Case #1001] Now with Tom Becker: Refund for order 4711');
    expect(told?.mail.text).toContain(
      'Sam Okafor (S-001) handed case #1001 ("Refund for order 4711") to Tom Becker (A-102)',
    );
    expect((await fixture.items('case'))[0]).toMatchObject({ assignee: 'A-102' });
  });

  it("the new holder's reply to the handover reaches the customer, signed by them", async () => {
    // Act
    const [handover] = await inbox(TOM);
    await agentReplies(TOM, handover!.mail, 'Hi Ana, I am looking into your refund now.');
    // Assess
    const answer = (await inbox(ANA)).at(-1)!;
    expect(answer.mail.from?.value[0]).toEqual({
      address: 'support@example.test',
      name: 'Tom Becker (Example Support)',
    });
    expect(answer.mail.text).toContain('Hi Ana, I am looking into your refund now.');
    expect(answer.mail.text).toContain('Tom Becker · Agent ID A-102');
    expect(answer.raw.toString()).not.toContain('Assigned to you');
  });

  it('#escalate mails the supervisor on duty the case, and tells the holder who has it now', async () => {
    const before = (await inbox(SAM)).length;
    // Act: Maria escalates Tom's case.
    await agentReplies(MARIA, await teamNotification(), '#escalate she asks for compensation on top of the refund');
    // Assess
    const escalation = (await inbox(SAM)).at(-1)!;
    expect(await inbox(SAM)).toHaveLength(before + 1);
    expect(escalation.mail.subject).toBe('[Case #1001] Escalated to you: Refund for order 4711');
    expect(escalation.mail.text).toContain('she asks for compensation on top of the refund');
    expect(escalation.mail.text).toContain('I sent the blender back last week. When do I get my money?');
    expect(escalation.mail.text).toContain(`Internal note from Maria Lopez (A-101): ${NOTE}`);
    expect(replyToOf(escalation.mail)).toMatch(AGENT_REPLY_TO);
    const told = (await inbox(TOM)).at(-1)!;
    expect(told.mail.subject).toBe('[Case #1001] Now with Sam Okafor: Refund for order 4711');
    expect(told.mail.text).toContain('Maria Lopez (A-101) escalated case #1001');
  });

  it("a note shows as an internal note in the holder's next notification, and never in the customer's mail", async () => {
    // Act: Ana answers Tom's mail; Sam holds the case now.
    const last = (await inbox(ANA)).at(-1)!.mail;
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: replyToOf(last),
      subject: `Re: ${last.subject}`,
      inReplyTo: last.messageId,
      text: 'Thank you! Please hurry.',
    });
    // Assess
    const notification = (await inbox(SAM)).at(-1)!;
    expect(notification.mail.subject).toBe('[Case #1001] Customer replied: Refund for order 4711');
    expect(notification.mail.text).toContain(`Internal note from Maria Lopez (A-101): ${NOTE}`);
    expect(readable(notification.mail)).toContain('Internal note from Maria Lopez (A-101)');
    for (const { mail } of await inbox(ANA)) expect(readable(mail)).not.toContain('call back before noon');
  });

  it("a saved answer reaches the customer after the agent's own words, with its variables filled", async () => {
    // Act
    const notification = (await inbox(SAM)).at(-1)!.mail;
    await agentReplies(SAM, notification, '#macro refund-received\n\nThanks for your patience with us.');
    // Assess
    const answer = (await inbox(ANA)).at(-1)!.mail;
    const text = answer.text ?? '';
    expect(text).toContain('Thanks for your patience with us.\n\nHi Ana,');
    expect(text).toContain('issued the refund for case #1001 today');
    expect(text).toContain('Best regards,\nSam Okafor');
    expect(text.indexOf('Thanks for your patience')).toBeLessThan(text.indexOf('Hi Ana,'));
    expect(readable(answer)).not.toContain('{{');
    expect(text).not.toContain('#macro');
  });

  it('an unknown command sends nothing, suggests the nearest command and quotes the whole reply back', async () => {
    const before = await counts();
    // Act
    await agentReplies(MARIA, await teamNotification(), '#close\n\nAll done, Ana! Enjoy the new blender.');
    // Assess
    expect((await inbox(ANA)).length).toBe(before[ANA]);
    const explanation = (await inbox(MARIA)).at(-1)!.mail;
    expect(explanation.subject).toBe('[Case #1001] Your reply was not sent: a command needs fixing');
    expect(explanation.text).toContain('#close is not a command I know. Did you mean #solve?');
    expect(explanation.text).toContain(
      '---- your reply (not sent) ----\n#close\n\nAll done, Ana! Enjoy the new blender.\n---- end of your reply ----',
    );
    expect(explanation.html).toContain('All done, Ana! Enjoy the new blender.');
  });

  it('an unknown saved answer is a command error naming the ones there are', async () => {
    await agentReplies(MARIA, await teamNotification(), '#macro refund\n\nHere is what happens next.');
    const explanation = (await inbox(MARIA)).at(-1)!.mail;
    expect(explanation.text).toContain(
      '#macro refund: there is no saved answer of that name. Saved answers: need-more-details, password-reset, refund-received.',
    );
    expect(explanation.text).toContain('#macro refund\n\nHere is what happens next.');
  });
});
