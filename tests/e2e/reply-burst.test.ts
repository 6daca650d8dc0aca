import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECENT_HISTORY } from '../../functions/core/history.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/**
 * The flood bounds count new cases; replies into an open case are bounded too. Anyone who forges
 * a participant's From (customer.test publishes no DMARC policy) may write into her case, but not
 * send the team a notification per mail.
 */
describe('a burst of replies into one case', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let sender: ReturnType<typeof mailClient>;
  let maria: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    sender = mailClient(fixture);
    maria = mailClient(fixture, { dkim: agents.dkim });
  });
  afterAll(async () => {
    sender?.close();
    maria?.close();
    await fixture?.stop();
  });

  const notifications = async (caseNumber: number) =>
    (await fixture.mailbox('team@staff.example.com')).filter((m) =>
      m.mail.subject?.startsWith(`[Case #${caseNumber}]`),
    );

  it(`files every mail, notifies the first ${MAX_RECENT_HISTORY} unanswered ones, and notifies again once an agent has answered`, async () => {
    // Prepare: Ana's case
    await sender.send({
      from: 'Ana <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Broken hinge',
      text: 'The hinge broke.',
      messageId: '<ana-1@customer.test>',
    });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;

    // Act: twenty more mails as Ana, tagged with her case, within the hour
    for (let i = 1; i <= 20; i++)
      await sender.send({
        from: 'Ana <ana@customer.test>',
        to: 'support@example.test',
        subject: `Re: [Case #${caseNumber}] Broken hinge`,
        text: `Reminder ${i}.`,
      });

    // Assess: all filed in her case; the team heard of the first six (the new case and five replies)
    const burst = fixture.outcomes.slice(-20);
    expect(burst.every((o) => o.outcome === 'case-updated' && o.caseNumber === caseNumber)).toBe(true);
    expect(burst.slice(5).map((o) => o.reason)).toEqual(
      Array(15).fill(`notification withheld: ${MAX_RECENT_HISTORY} unanswered customer mails within the hour`),
    );
    expect(await notifications(caseNumber)).toHaveLength(MAX_RECENT_HISTORY);

    // Act: Maria answers; Ana writes again
    const told = (await notifications(caseNumber)).at(-1)?.mail;
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(told!),
      subject: `Re: ${told!.subject}`,
      text: 'A new hinge is on its way.',
    });
    await sender.send({
      from: 'Ana <ana@customer.test>',
      to: 'support@example.test',
      subject: `Re: [Case #${caseNumber}] Broken hinge`,
      text: 'Thank you!',
    });

    // Assess: Maria answered, so the case is hers and she is told
    const toMaria = (await fixture.mailbox('maria@staff.example.com')).filter((m) =>
      m.mail.subject?.startsWith(`[Case #${caseNumber}]`),
    );
    expect(toMaria.at(-1)?.mail.text).toContain('Thank you!');
    expect(fixture.outcomes.at(-1)?.reason).toBeUndefined();
  });
});
