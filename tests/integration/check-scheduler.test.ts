import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CheckScheduler } from '../../functions/adapters/check-scheduler.ts';
import { casePrefix, planCheckDelivery } from '../../functions/core/check-delivery.ts';
import type { SlaCheck } from '../../functions/core/sla-clock.ts';
import { startLocalScheduler, type LocalScheduler } from '../../infra/local/scheduler-local.ts';
import type { StoredSchedule } from '../../infra/local/schedule-journal.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

const TARGET = {
  groupName: 'mailcase-checks',
  queueArn: 'arn:aws:sqs:eu-west-1:000000000000:checks',
  roleArn: 'arn:aws:iam::000000000000:role/scheduler',
};
const created = new Date('2026-03-02T10:00:00.000Z');
const breach: SlaCheck = {
  caseNumber: 1001,
  target: 'first-response',
  stage: 'breach',
  dueAt: '2026-03-02T14:00:30.000Z',
  clockStart: created.toISOString(),
};

describe('the local Scheduler, spoken to by the real SDK client', () => {
  let clock = created;
  let folder: string;
  let running: LocalScheduler | undefined;
  const delivered: StoredSchedule['target'][] = [];
  const start = async () => {
    running = await startLocalScheduler({
      region: 'eu-west-1',
      journalFile: join(folder, 'schedules.jsonl'),
      now: () => clock,
      deliver: async (target) => {
        delivered.push(target);
      },
    });
    const client = new SchedulerClient({
      endpoint: running.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    return { client, adapter: new CheckScheduler(client, TARGET) };
  };
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'scheduler-'));
  });
  afterEach(async () => {
    await running?.stop();
    delivered.length = 0;
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('puts a check on its target at the minute it is due, once, and deletes the schedule after', async () => {
    // Prepare
    clock = created;
    const { client, adapter } = await start();
    const { scheduled } = planCheckDelivery([breach], created);

    // Act
    await adapter.create(scheduled);
    await adapter.create(scheduled); // a retried outbox: the same name is the same check
    await new Promise((resolve) => setTimeout(resolve, 600));
    const beforeDue = delivered.length;
    clock = new Date('2026-03-02T14:01:00.000Z');
    await expect.poll(() => delivered.length, { timeout: 5_000, interval: 50 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));

    // Assess
    expect(beforeDue).toBe(0);
    expect(delivered).toEqual([{ arn: TARGET.queueArn, roleArn: TARGET.roleArn, input: JSON.stringify(breach) }]);
    const gone = await client
      .send(new GetScheduleCommand({ GroupName: TARGET.groupName, Name: scheduled[0]!.name }))
      .catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    client.destroy();
  });

  it('still delivers what was scheduled before a restart', async () => {
    // Prepare
    clock = created;
    const first = await start();
    await first.adapter.create(planCheckDelivery([breach], created).scheduled);
    first.client.destroy();
    await running?.stop();

    // Act
    const second = await start();
    const listed = await second.client.send(
      new ListSchedulesCommand({ GroupName: TARGET.groupName, NamePrefix: casePrefix(1001) }),
    );
    clock = new Date('2026-03-02T14:01:00.000Z');

    // Assess
    expect(listed.Schedules?.map((s) => s.Name)).toEqual(['case-1001-first-response-breach-1772460030']);
    await expect.poll(() => delivered.length, { timeout: 5_000, interval: 50 }).toBe(1);
    second.client.destroy();
  });

  it('takes deleting a schedule that is already gone as done, and refuses an expression it does not run', async () => {
    // Prepare
    clock = created;
    const { client, adapter } = await start();

    // Act
    const deleted = adapter.delete(['case-1001-first-response-breach-1']);
    const refused = adapter
      .create([{ check: breach, name: 'case-1001-x', expression: 'rate(5 minutes)' }])
      .catch((error: unknown) => error);

    // Assess
    await expect(deleted).resolves.toBeUndefined();
    expect(await refused).toMatchObject({ name: 'ValidationException' });
    client.destroy();
  });
});

describe('schedules of a case that changes', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    maria = mailClient(fixture, { dkim: agents.dkim });
  });
  afterAll(async () => {
    maria.close();
    await fixture.stop();
  });

  const scheduledFor = async (caseNumber: number) => {
    const client = new SchedulerClient({});
    const listed = await client.send(
      new ListSchedulesCommand({ GroupName: process.env.CHECK_SCHEDULE_GROUP, NamePrefix: casePrefix(caseNumber) }),
    );
    client.destroy();
    return (listed.Schedules ?? []).map((s) => s.Name ?? '').sort();
  };

  it('an answer deletes the first-response schedules it made stale, and keeps the resolution ones', async () => {
    // Prepare
    await fixture.send({ from: 'ana@customer.test', to: 'support@example.test', subject: 'Late', text: 'Where?' });
    const caseNumber = fixture.outcomes.at(-1)?.caseNumber ?? 0;
    const before = await scheduledFor(caseNumber);
    const [notification] = await fixture.mailbox('team@staff.example.com');

    // Act
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notification!.mail),
      subject: `Re: ${notification!.mail.subject}`,
      text: 'Hi Ana, it is on its way.\n\nMaria',
    });
    const after = await scheduledFor(caseNumber);

    // Assess
    expect(before.filter((n) => n.includes('-first-response-'))).toHaveLength(3);
    expect(after.filter((n) => n.includes('-first-response-'))).toEqual([]);
    expect(after.filter((n) => n.includes('-resolution-'))).toEqual(before.filter((n) => n.includes('-resolution-')));
    expect(after.filter((n) => n.includes('-resolution-'))).toHaveLength(3);
  });
});
