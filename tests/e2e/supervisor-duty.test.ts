import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamStore } from '../../functions/adapters/team-store.ts';
import { supervisorOnDuty } from '../../functions/core/agents.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';

const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const everyDay = (intervals: string[]) => Object.fromEntries(EVERY_DAY.map((day) => [day, intervals]));

/** Sam has the days (08:00-20:00 Berlin), Ana the nights, Kim Christmas Eve. */
const DUTY_CONFIG = parseSupportConfig({
  ...TEST_CONFIG_INPUT,
  agents: [
    ...TEST_CONFIG_INPUT.agents,
    { name: 'Ana Silva', email: 'ana@staff.example.com', agentId: 'S-002', role: 'supervisor' },
    { name: 'Kim Park', email: 'kim@staff.example.com', agentId: 'S-003', role: 'supervisor' },
  ],
  businessHours: { timeZone: 'Europe/Berlin', holidays: ['2026-12-24'] },
  duty: {
    shifts: [
      { agentId: 'S-001', weekly: everyDay(['08:00-20:00']) },
      { agentId: 'S-002', weekly: everyDay(['00:00-08:00', '20:00-24:00']) },
    ],
    onHolidays: 'S-003',
    fallback: 'S-001',
  },
});

describe('an #escalate goes to the supervisor on duty at that moment', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  // The stack's clock (SES receipt times and the functions' "now"), set to the moment each step happens.
  let clock = new Date('2026-12-09T19:30:00.000Z');
  const now = () => clock;

  beforeAll(async () => {
    fixture = await startStackFixture({ config: DUTY_CONFIG, zone: agents.zone, now });
    maria = mailClient(fixture, { dkim: agents.dkim });
    customer = mailClient(fixture);
  });
  afterAll(async () => {
    maria.close();
    customer.close();
    await fixture.stop();
  });

  /** A customer writes in at `at`; Maria escalates the case from the team's notification at the same moment. */
  async function escalatedAt(at: string, caseNumber: number): Promise<void> {
    clock = new Date(at);
    await customer.send({
      from: 'Lea Brandt <lea@customer.test>',
      to: 'support@example.test',
      subject: `Refund request ${caseNumber}`,
      text: 'I was charged twice.',
    });
    const notice = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.startsWith(`[Case #${caseNumber}]`),
    );
    if (notice === undefined) throw new Error(`no team notification for case #${caseNumber}`);
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notice.mail),
      subject: `Re: ${notice.mail.subject}`,
      inReplyTo: notice.mail.messageId,
      text: '#escalate customer asks for a manager',
    });
  }

  const escalationsTo = async (address: string) =>
    (await fixture.mailbox(address)).map((m) => m.mail.subject).filter((s) => s?.includes('Escalated to you'));
  const assigneeOf = async (caseNumber: number) =>
    (await fixture.items('case')).find((c) => c.caseNumber === caseNumber)?.assignee;

  it('at 20:30 on a Wednesday in Berlin (19:30 UTC) it goes to Ana, who has the nights', async () => {
    // Act
    await escalatedAt('2026-12-09T19:30:00.000Z', 1001);

    // Assess
    expect(await escalationsTo('ana@staff.example.com')).toEqual([
      '[Case #1001] Escalated to you: Refund request 1001',
    ]);
    expect(await escalationsTo('sam@staff.example.com')).toEqual([]);
    expect(await assigneeOf(1001)).toBe('S-002');
  });

  it('at 10:00 the next morning it goes to Sam, who has the days', async () => {
    // Act
    await escalatedAt('2026-12-10T09:00:00.000Z', 1002);

    // Assess
    expect(await escalationsTo('sam@staff.example.com')).toEqual([
      '[Case #1002] Escalated to you: Refund request 1002',
    ]);
    expect(await assigneeOf(1002)).toBe('S-001');
  });

  it('at 10:00 on Christmas Eve, a holiday, it goes to Kim, who has the holidays', async () => {
    // Act
    await escalatedAt('2026-12-24T09:00:00.000Z', 1003);

    // Assess
    expect(await escalationsTo('kim@staff.example.com')).toEqual([
      '[Case #1003] Escalated to you: Refund request 1003',
    ]);
    expect(await escalationsTo('sam@staff.example.com')).toHaveLength(1);
    expect(await assigneeOf(1003)).toBe('S-003');
  });

  it('keeps the roster when the team is changed with the support CLI and stored in the case table', async () => {
    // Prepare
    const store = new TeamStore(
      DynamoDBDocumentClient.from(new DynamoDBClient({})),
      fixture.stack.tableName,
      await fixture.stack.currentTeam(),
    );
    const read = await store.current();

    // Act
    await store.save(read.team, read.version, 'the same team, stored', new Date());
    const stored = await store.current();

    // Assess
    expect(stored.source).toBe('table');
    expect(stored.team.duty).toEqual(read.team.duty);
    expect(supervisorOnDuty(stored.team, new Date('2026-12-09T19:30:00.000Z')).agentId).toBe('S-002');
  });
});
