import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CASE_PARTICIPANTS } from '../../functions/core/participants.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * SES refuses a message for more than 50 recipients, and every answer goes to the whole customer
 * side of its case: a proven sender who copies sixty people must not make the case unanswerable.
 */
describe('a mail that copies more people than one answer can reach', () => {
  const agents = agentDomainZone();
  const proven = agentDomainZone('proven.test');
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let dana: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: { ...agents.zone, ...proven.zone } });
    maria = mailClient(fixture, { dkim: agents.dkim });
    dana = mailClient(fixture, { dkim: proven.dkim });
  });
  afterAll(async () => {
    maria?.close();
    dana?.close();
    await fixture?.stop();
  });

  it(`opens a case of ${MAX_CASE_PARTICIPANTS} participants, tells the agent who was left out, and the answer goes out to them all in one message`, async () => {
    // Prepare
    const copied = Array.from({ length: 60 }, (_, i) => `colleague${i + 1}@proven.test`);

    // Act: Dana's mail passes DMARC, so whom she copies may join
    await dana.send({
      from: 'Dana <dana@proven.test>',
      to: 'support@example.test',
      cc: copied.join(', '),
      subject: 'Office move',
      text: 'Please update all of us.',
    });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;

    // Assess: 49 copies joined, 11 were named to the agent
    const supportCase = (await fixture.items('case')).find((c) => c.caseNumber === caseNumber);
    expect(supportCase?.participants).toEqual(['dana@proven.test', ...copied.slice(0, 49)]);
    const notification = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.startsWith(`[Case #${caseNumber}]`),
    )?.mail;
    expect(notification?.text).toContain(
      `Also addressed to ${copied.slice(49).join(', ')} (not added: the case has ${MAX_CASE_PARTICIPANTS} participants, the most one answer can go to).`,
    );
    expect(fixture.outcomes.at(-1)?.reason).toBe(
      `copied addresses not added (the case has its most participants): ${copied.slice(49).join(', ')}`,
    );

    // Act: Maria answers
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!),
      subject: `Re: ${notification!.subject}`,
      text: 'Updated for everyone.',
    });

    // Assess: the answer reached the last who joined, and nobody left out
    expect((await fixture.mailbox('colleague49@proven.test')).at(-1)?.mail.text).toContain('Updated for everyone.');
    expect(await fixture.mailbox('colleague50@proven.test')).toEqual([]);
  });
});
