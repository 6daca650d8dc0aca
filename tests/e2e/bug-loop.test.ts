import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { teamMail } from '../support/team-mail.ts';

const MARIA = 'Maria Lopez <maria@staff.example.com>';
const ENGINEERING = 'engineering@staff.example.com';

describe('the bug loop: #bug to engineering, their reply as a note, #fixed reopening the case', () => {
  const staff = agentDomainZone();
  let fixture: StackFixture;
  let team: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  let mail: ReturnType<typeof teamMail>;

  beforeAll(async () => {
    fixture = await startStackFixture({ zone: staff.zone });
    // Agents and engineering share the staff domain, whose DKIM key signs their mail.
    team = mailClient(fixture, { dkim: staff.dkim });
    customer = mailClient(fixture);
    mail = teamMail(fixture);
  });
  afterAll(async () => {
    team.close();
    customer.close();
    await fixture.stop();
  });

  it("the #bug mail carries the customer's own words, first and later, without quotes, answers or notes", async () => {
    // Prepare: Ana writes, Maria takes the case and answers, Ana writes again, Maria notes something.
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Checkout fails',
      text: 'The checkout page times out when I pay with my card.',
    });
    await mail.answer(team, MARIA, 'team@staff.example.com', 1001, '#take\nSorry about that, we are looking.');
    await mail.answer(customer, 'ana@customer.test', 'ana@customer.test', 1001, 'It happened again at 10:00 today.');
    await mail.answer(team, MARIA, 'maria@staff.example.com', 1001, '#note card type was VISA');

    // Act
    await mail.answer(
      team,
      MARIA,
      'maria@staff.example.com',
      1001,
      '#bug checkout times out on card payment\n#pending\nWe have passed this to our engineers.',
    );

    // Assess
    const [report, ...more] = await fixture.mailbox(ENGINEERING);
    expect(more).toHaveLength(0);
    const text = report?.mail.text ?? '';
    expect(report?.mail.subject).toBe('[Case #1001] Bug report: checkout times out on card payment');
    expect(text).toContain('The checkout page times out when I pay with my card.');
    expect(text).toContain('It happened again at 10:00 today.');
    expect(text.indexOf('The checkout page')).toBeLessThan(text.indexOf('It happened again'));
    expect(text).not.toContain('wrote:');
    expect(text).not.toContain('Sorry about that');
    expect(text).not.toContain('VISA');
    expect(replyToOf(report?.mail ?? {})).toMatch(/^support\+1001-e[0-9a-z]+-[a-z2-7]{16}@example\.test$/);
    expect(await mail.caseNumbered(1001)).toMatchObject({ status: 'pending', bugOpenedAt: expect.any(String) });
    expect((await mail.caseNumbered(1001))?.bugFixedAt).toBeUndefined();
  });

  it("engineering's reply joins the case as an internal note and tells the assignee; no case, no acknowledgement", async () => {
    // Prepare
    const mariaBefore = (await fixture.mailbox('maria@staff.example.com')).length;
    const anaBefore = (await fixture.mailbox('ana@customer.test')).length;

    // Act
    await mail.answer(team, ENGINEERING, ENGINEERING, 1001, 'We can reproduce it: the card gateway is slow.');

    // Assess
    const outcome = fixture.outcomes.at(-1);
    expect(outcome).toMatchObject({ outcome: 'case-updated', caseNumber: 1001, sent: ['notice'] });
    expect(await fixture.items('case')).toHaveLength(1);
    expect(await fixture.mailbox(ENGINEERING)).toHaveLength(1);
    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(anaBefore);
    const notices = (await fixture.mailbox('maria@staff.example.com')).slice(mariaBefore);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.mail.subject).toBe(
      '[Case #1001] Engineering wrote on case #1001 (an internal note): Checkout fails',
    );
    expect(notices[0]?.mail.text).toContain('We can reproduce it: the card gateway is slow.');
    expect(notices[0]?.raw.toString('latin1')).toMatch(/^Auto-Submitted: auto-replied/im);
    const filed = (await fixture.items('message')).filter((m) => m.kind === 'note' && m.direction === 'inbound');
    // Maria's #note, and engineering's reply.
    expect(filed.map((m) => (m.from as { address: string }).address).sort()).toEqual([
      ENGINEERING,
      'maria@staff.example.com',
    ]);
    expect((await mail.caseNumbered(1001))?.recent.at(-1)).toMatchObject({
      kind: 'note',
      who: `Engineering (${ENGINEERING})`,
    });
  });

  it('support cases list --bugs lists the case while it waits on engineering', async () => {
    const listed = await mail.support('cases', 'list', '--bugs');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/#1001\s+pending/);
    expect(listed.out).toContain('waiting on engineering');
  });

  it('#fixed from engineering reopens the pending case with a response target and tells the assignee', async () => {
    // Prepare
    const mariaBefore = (await fixture.mailbox('maria@staff.example.com')).length;

    // Act
    await mail.answer(team, ENGINEERING, ENGINEERING, 1001, '#fixed gateway timeout raised, deployed in 4.2.1');

    // Assess
    const fixed = await mail.caseNumbered(1001);
    expect(fixed).toMatchObject({
      status: 'open',
      bugFixedAt: expect.any(String),
      awaitingAnswerSince: fixed?.bugFixedAt,
    });
    const intake = (await fixture.items('intake')).find(
      (i) => i.sesMessageId === fixture.outcomes.at(-1)?.sesMessageId,
    );
    expect(intake?.slaChecks).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseNumber: 1001, target: 'next-response', stage: 'breach' })]),
    );
    const notices = (await fixture.mailbox('maria@staff.example.com')).slice(mariaBefore);
    expect(notices.map((n) => n.mail.subject)).toEqual([
      '[Case #1001] Engineering fixed the bug on case #1001, which is open again: the customer awaits your answer: Checkout fails',
    ]);
    expect(notices[0]?.mail.text).toContain('Fixed: gateway timeout raised, deployed in 4.2.1');
    expect(await fixture.mailbox(ENGINEERING)).toHaveLength(1);
    expect((await mail.support('cases', 'list', '--bugs')).out).toContain('No cases');
  });

  it('#fixed from an agent on a solved case reopens it and tells the assignee, not the agent who wrote it', async () => {
    // Prepare: the case is solved, and handed to Tom.
    await mail.answer(
      team,
      MARIA,
      'maria@staff.example.com',
      1001,
      '#assign tom\n#solve\nIt works again, thanks for your patience.',
    );
    expect(await mail.caseNumbered(1001)).toMatchObject({ status: 'solved', assignee: 'A-102' });
    const tomBefore = (await fixture.mailbox('tom@staff.example.com')).length;
    const mariaBefore = (await fixture.mailbox('maria@staff.example.com')).length;

    // Act
    await mail.answer(team, MARIA, 'maria@staff.example.com', 1001, '#fixed second fix for cards from abroad');

    // Assess
    expect(await mail.caseNumbered(1001)).toMatchObject({ status: 'open' });
    const toTom = (await fixture.mailbox('tom@staff.example.com')).slice(tomBefore);
    expect(toTom.map((m) => m.mail.subject)).toEqual([
      '[Case #1001] Maria Lopez (A-101) marked the bug on case #1001 fixed: the customer awaits your answer: Checkout fails',
    ]);
    expect(await fixture.mailbox('maria@staff.example.com')).toHaveLength(mariaBefore);
  });
});
