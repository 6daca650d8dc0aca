import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../infra/config.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';
import { teamMail } from '../support/team-mail.ts';

const ANA = 'ana@customer.test';
const BEN = 'ben@shopper.test';
const MARIA = 'maria@staff.example.com';
const LENA = 'lena@staff.brand2.test';
const SUPPORT_TEAM = 'team@staff.example.com';
const BRAND_TEAM = 'team@staff.brand2.test';

const WHOLE_WEEK = Object.fromEntries(
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => [day, ['00:00-24:00']]),
);
/** A second brand on its own domain: its own team, sender, calendar (every hour) and targets (an hour to answer). */
const HELP_QUEUE = {
  id: 'help',
  address: 'help@brand2.test',
  displayName: 'Brand Two Help',
  teamAddress: BRAND_TEAM,
  engineeringAddress: 'engineering@staff.brand2.test',
  agents: [
    { name: 'Lena Fischer', email: LENA, agentId: 'B-201', role: 'agent' },
    { name: 'Omar Haddad', email: 'omar@staff.brand2.test', agentId: 'B-900', role: 'supervisor' },
  ],
  businessHours: { timeZone: 'UTC', weekly: WHOLE_WEEK },
  responseTargets: { byPriority: { normal: { firstResponse: 1, nextResponse: 2, resolution: 8 } } },
};
const TWO_QUEUES = parseSupportConfig({ ...TEST_CONFIG_INPUT, queues: [HELP_QUEUE] });

const sender = (mail: ParsedMail | undefined) => mail?.from?.value[0];

describe('two queues on two domains, over SMTP', () => {
  const supportStaff = agentDomainZone('staff.example.com');
  const brandStaff = agentDomainZone('staff.brand2.test');
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let lena: ReturnType<typeof mailClient>;
  let customers: ReturnType<typeof mailClient>;
  let team: ReturnType<typeof teamMail>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: { ...supportStaff.zone, ...brandStaff.zone }, config: TWO_QUEUES });
    maria = mailClient(fixture, { dkim: supportStaff.dkim });
    lena = mailClient(fixture, { dkim: brandStaff.dkim });
    customers = mailClient(fixture);
    team = teamMail(fixture);
  });
  afterAll(async () => {
    for (const client of [maria, lena, customers]) client.close();
    await fixture.stop();
  });

  it("opens each mail's case in the queue it was written to, acknowledged from that queue's address and name", async () => {
    // Act
    await customers.send({
      from: `Ana Souza <${ANA}>`,
      to: 'support@example.test',
      subject: 'Where is my order?',
      text: 'Order 4711 never came.',
    });
    await customers.send({
      from: `Ben Okoro <${BEN}>`,
      to: 'help@brand2.test',
      subject: 'Charged twice',
      text: 'My card was charged twice for one blender.',
    });

    // Assess
    expect(await team.caseNumbered(1001)).not.toHaveProperty('queue');
    expect(await team.caseNumbered(1002)).toMatchObject({ queue: 'help', requester: { address: BEN } });
    const [anaAck] = await fixture.mailbox(ANA);
    const [benAck] = await fixture.mailbox(BEN);
    expect(sender(anaAck?.mail)).toEqual({ address: 'support@example.test', name: 'Example Support' });
    expect(sender(benAck?.mail)).toEqual({ address: 'help@brand2.test', name: 'Brand Two Help' });
    // Replies come back to the queue's own address, and the acknowledgement names its targets.
    expect(replyToOf(benAck?.mail ?? {})).toMatch(/^help\+1002-c[0-9a-z]+-[a-z2-7]{16}@brand2\.test$/);
    expect(benAck?.mail.text).toContain('within 1 business hour');
    expect(anaAck?.mail.text).toContain('within 4 business hours');
    // SES was asked to send each from its queue's address (the envelope sender, where bounces go).
    expect(fixture.stack.ses.sent.filter((m) => m.recipients.includes(BEN)).map((m) => m.from)).toEqual([
      'help@brand2.test',
    ]);
  });

  it("notifies each queue's own team, from its address", async () => {
    // Act
    const support = await team.aboutCase(SUPPORT_TEAM, 1001);
    const brand = await team.aboutCase(BRAND_TEAM, 1002);

    // Assess
    expect(support).toHaveLength(1);
    expect(brand).toHaveLength(1);
    expect(await team.aboutCase(SUPPORT_TEAM, 1002)).toEqual([]);
    expect(await team.aboutCase(BRAND_TEAM, 1001)).toEqual([]);
    expect(sender(brand[0]?.mail)).toEqual({ address: 'help@brand2.test', name: 'Brand Two Help' });
  });

  it("lets the second queue's agent answer, and the customer gets it from that queue's address", async () => {
    // Act
    await team.answer(lena, LENA, BRAND_TEAM, 1002, 'Hi Ben, the second charge is refunded today.');

    // Assess
    const answer = (await fixture.mailbox(BEN)).at(-1)?.mail;
    expect(answer?.subject).toBe('Re: [Case #1002] Charged twice');
    expect(sender(answer)).toEqual({ address: 'help@brand2.test', name: 'Lena Fischer (Brand Two Help)' });
    expect(answer?.text).toContain('the second charge is refunded today');
    expect(await team.caseNumbered(1002)).toMatchObject({ assignee: 'B-201', firstResponseBy: 'B-201' });
  });

  it("keeps an agent of one queue from acting on another queue's case", async () => {
    // Prepare: Maria has the brand's notification forwarded to her, and answers it.
    const benBefore = (await fixture.mailbox(BEN)).length;
    const notification = (await team.aboutCase(BRAND_TEAM, 1002))[0]?.mail;
    if (notification === undefined) throw new Error('the brand team has a notification of #1002');

    // Act
    await maria.send({
      from: MARIA,
      to: replyToOf(notification),
      subject: `Re: ${notification.subject}`,
      text: '#solve\n\nHi Ben, all done.',
    });

    // Assess
    expect(await fixture.mailbox(BEN)).toHaveLength(benBefore);
    expect(await team.caseNumbered(1002)).toMatchObject({ status: 'open', assignee: 'B-201' });
    expect(fixture.outcomes.at(-1)).toMatchObject({
      outcome: 'held',
      reason: 'A-101 is no agent of queue help, which case #1002 is in',
    });
  });

  it("#move hands a case to the other queue: its team is told, its targets are that queue's, its mail comes from there", async () => {
    // Act
    await team.answer(maria, MARIA, SUPPORT_TEAM, 1001, '#take\n#move help');

    // Assess: the brand's team has the case, from the brand's address, with Ana's words.
    const moved = (await team.aboutCase(BRAND_TEAM, 1001)).at(-1)?.mail;
    expect(moved?.subject).toBe('[Case #1001] Moved to Brand Two Help (help): Where is my order?');
    expect(sender(moved)).toEqual({ address: 'help@brand2.test', name: 'Brand Two Help' });
    expect(moved?.text).toContain('Maria Lopez (A-101) moved case #1001 here from Example Support (support)');
    expect(moved?.text).toContain('Assigned to: nobody yet: reply with #take to take it');
    expect(moved?.text).toContain(
      'Maria Lopez (A-101): moved the case from queue support to queue help; A-101 is not in its team and no longer holds it',
    );
    expect(moved?.text).toContain('Order 4711 never came.');
    expect(await team.caseNumbered(1001)).toMatchObject({ queue: 'help' });
    expect(await team.caseNumbered(1001)).not.toHaveProperty('assignee');
    // The first response is timed again on the brand's hour, every hour of the week.
    const intakes = await fixture.items('intake');
    const moveIntake = intakes.find(
      (i) => i.caseNumber === 1001 && Array.isArray(i.slaChecks) && 'moved' in (i.outbox as object),
    );
    const checks = (moveIntake?.slaChecks ?? []) as Array<Record<string, string>>;
    const breach = checks.find((c) => c.target === 'first-response' && c.stage === 'breach');
    expect(Date.parse(breach?.dueAt ?? '') - Date.parse(breach?.clockStart ?? '')).toBe(60 * 60_000);

    // Act: the brand's agent answers from the move notice.
    await team.answer(lena, LENA, BRAND_TEAM, 1001, 'Hi Ana, your parcel is with the courier again.');

    // Assess
    const answer = (await fixture.mailbox(ANA)).at(-1)?.mail;
    expect(sender(answer)).toEqual({ address: 'help@brand2.test', name: 'Lena Fischer (Brand Two Help)' });
    expect(answer?.text).toContain('your parcel is with the courier again');
  });

  it('lists and reports each queue’s cases, and shows its team, with --queue', async () => {
    // Act
    const help = await team.support('cases', 'list', '--queue', 'help');
    const support = await team.support('cases', 'list', '--queue', 'support');
    const agents = await team.support('agents', 'list', '--queue', 'help');
    const unknown = await team.support('cases', 'list', '--queue', 'sales');
    const shown = await team.support('cases', 'show', '1002');
    const opened = async (queue: string) => {
      const { out } = await team.support('report', '--queue', queue, '--json');
      return (JSON.parse(out) as { overall: { opened: number }; backlog: unknown }).overall.opened;
    };

    // Assess
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/#1001/);
    expect(help.out).toMatch(/#1002/);
    expect(help.out).toContain('2 cases (queue help, status new, open, pending)');
    expect(support.out).toContain('No cases in');
    expect(agents.out).toContain('Lena Fischer');
    expect(agents.out).not.toContain('Maria Lopez');
    // A report of a queue counts the cases in it now: both, since #1001 moved.
    expect(await opened('help')).toBe(2);
    expect(await opened('support')).toBe(0);
    // A case names its queue, and its holder from that queue's team.
    expect(shown.out).toMatch(/Queue\s+help/);
    expect(shown.out).toContain('assigned to Lena Fischer');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('has no queue "sales"; its queues are support, help.');
  });
  it("mails each queue's supervisors the weekly digest of their own queue, from its address", async () => {
    // Act
    const { code, out } = await team.support('report', '--digest');

    // Assess
    expect(code).toBe(0);
    expect(out).toContain('sam@staff.example.com');
    expect(out).toContain('omar@staff.brand2.test');
    const [brandDigest] = await fixture.mailbox('omar@staff.brand2.test');
    const [supportDigest] = await fixture.mailbox('sam@staff.example.com');
    expect(sender(brandDigest?.mail)).toEqual({ address: 'help@brand2.test', name: 'Brand Two Help' });
    expect(sender(supportDigest?.mail)).toEqual({ address: 'support@example.test', name: 'Example Support' });
    // Each counts its own queue's cases: both are the brand's now.
    expect(brandDigest?.mail.text).toContain('Opened 2 ·');
    expect(supportDigest?.mail.text).toContain('Opened 0 ·');
  });
  it("changes one queue's team with --queue, leaving the other's as it was", async () => {
    // Act
    const added = await team.support(
      'agents',
      'add',
      '--queue',
      'help',
      '--name',
      'Noor Said',
      '--email',
      'noor@staff.brand2.test',
      '--id',
      'B-202',
    );
    const help = await team.support('agents', 'list', '--queue', 'help');
    const support = await team.support('agents', 'list');

    // Assess
    expect(added.code).toBe(0);
    expect(added.out).toContain('queue help of');
    expect(help.out).toContain('Noor Said');
    expect(help.out).toContain('Lena Fischer');
    expect(support.out).not.toContain('Noor Said');
    expect(support.out).toContain('Source: the deploy configuration');
    const teams = (await fixture.items('team')).map((t) => [t.sk, t.version]);
    expect(teams).toEqual([['TEAM#help', 1]]);
    // The new agent logs in to the local SMTP port at once; a stranger with the same kind of password does not.
    const login = (user: string) =>
      nodemailer
        .createTransport({
          host: '127.0.0.1',
          port: fixture.stack.smtpPort,
          ignoreTLS: true,
          auth: { user, pass: fixture.stack.agentPassword(user) },
        })
        .verify();
    await expect(login('noor@staff.brand2.test')).resolves.toBe(true);
    await expect(login('nobody@staff.brand2.test')).rejects.toThrow(/535|Invalid login/);
  });
});
