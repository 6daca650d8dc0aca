import { randomBytes } from 'node:crypto';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { atExpression, casePrefix, scheduleName } from '../../functions/core/check-delivery.ts';
import { alertDependencies } from '../../functions/alerts/handler.ts';
import { processCheck } from '../../functions/alerts/process-check.ts';
import { scheduleChecks, type SlaCheck } from '../../functions/core/sla-clock.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';

const HOUR = 3_600_000;

describe('response-time checks through the local Scheduler and SQS queue', () => {
  let fixture: StackFixture;
  beforeAll(async () => {
    fixture = await startStackFixture();
  });
  afterAll(() => fixture.stop());

  const caseNumbered = async (n: number) =>
    (await fixture.items('case')).find((c) => c.caseNumber === n) as unknown as SupportCase;
  const openCase = async () => {
    const customer = `c${randomBytes(3).toString('hex')}@customer.test`;
    await fixture.send({ from: customer, to: 'support@example.test', subject: 'Late parcel', text: 'Where is it?' });
    return fixture.outcomes.at(-1)!.caseNumber!;
  };

  it('a new case schedules each check due later than 15 minutes for the whole minute it is due, one schedule each', async () => {
    const caseNumber = await openCase();
    const deps = await alertDependencies();
    const checks = scheduleChecks(await caseNumbered(caseNumber), deps.settings.slaPolicy, deps.settings.businessHours);
    const scheduler = new SchedulerClient({});

    const listed = await scheduler.send(
      new ListSchedulesCommand({ GroupName: process.env.CHECK_SCHEDULE_GROUP, NamePrefix: casePrefix(caseNumber) }),
    );
    const breach = checks.find((c) => c.target === 'first-response' && c.stage === 'breach')!;
    const stored = await scheduler.send(
      new GetScheduleCommand({ GroupName: process.env.CHECK_SCHEDULE_GROUP, Name: scheduleName(breach) }),
    );
    scheduler.destroy();

    expect(checks.map((c) => [c.target, c.stage])).toEqual(
      expect.arrayContaining([
        ['first-response', 'warning'],
        ['first-response', 'breach'],
        ['resolution', 'breach'],
      ]),
    );
    expect((listed.Schedules ?? []).map((s) => s.Name).sort()).toEqual(checks.map(scheduleName).sort());
    expect(stored.ScheduleExpression).toBe(atExpression(new Date(breach.dueAt)));
    expect(stored.ActionAfterCompletion).toBe('DELETE');
    expect(JSON.parse(stored.Target?.Input ?? '{}')).toEqual(breach);
  });

  it('a check that arrives early waits again; when due it fires once, however often it is delivered', async () => {
    const caseNumber = await openCase();
    const deps = await alertDependencies();
    const [warning] = scheduleChecks(
      await caseNumbered(caseNumber),
      deps.settings.slaPolicy,
      deps.settings.businessHours,
    ).filter((c) => c.target === 'first-response' && c.stage === 'warning');
    const at = (date: Date) => ({ ...deps, now: () => date });

    const early = await processCheck(warning!, at(new Date(new Date(warning!.dueAt).getTime() - 40 * 60_000)));
    const due = new Date(new Date(warning!.dueAt).getTime() + 1000);
    const fired = await Promise.all([
      processCheck(warning!, at(due)),
      processCheck(warning!, at(due)),
      processCheck(warning!, at(due)),
    ]);

    expect(early).toBe('re-queued');
    expect(fired.filter((o) => o === 'fired')).toHaveLength(1);
    expect(fired.filter((o) => o === 'already-fired')).toHaveLength(2);
    const warnings = (await fixture.mailbox('team@staff.example.com')).filter(
      (m) =>
        m.mail.subject?.includes(`[Case #${caseNumber}]`) &&
        m.mail.subject.includes('left to the first response target'),
    );
    expect(warnings).toHaveLength(1);
  });

  it('a check for a case that was answered in the meantime is recognised as stale', async () => {
    const caseNumber = await openCase();
    const deps = await alertDependencies();
    const supportCase = await caseNumbered(caseNumber);
    const [breach] = scheduleChecks(supportCase, deps.settings.slaPolicy, deps.settings.businessHours).filter(
      (c) => c.target === 'first-response' && c.stage === 'breach',
    );
    const answered: SlaCheck = {
      ...breach!,
      clockStart: new Date(new Date(breach!.clockStart).getTime() - HOUR).toISOString(),
    };

    expect(
      await processCheck(answered, { ...deps, now: () => new Date(new Date(breach!.dueAt).getTime() + 1000) }),
    ).toBe('stale');
  });

  it('a breach goes to the team and the supervisor and is recorded; left standing, it goes up again', async () => {
    const caseNumber = await openCase();
    const deps = await alertDependencies();
    const checks = scheduleChecks(
      await caseNumbered(caseNumber),
      deps.settings.slaPolicy,
      deps.settings.businessHours,
    ).filter((c) => c.target === 'first-response');
    const after = (check: SlaCheck) => ({ ...deps, now: () => new Date(new Date(check.dueAt).getTime() + 1000) });

    for (const check of checks) expect(await processCheck(check, after(check))).toBe('fired');

    expect(await caseNumbered(caseNumber)).toMatchObject({ slaBreaches: ['first-response'] });
    const toSam = (await fixture.mailbox('sam@staff.example.com')).filter((m) =>
      m.mail.subject?.includes(`[Case #${caseNumber}]`),
    );
    expect(toSam.map((m) => m.mail.subject)).toEqual([
      `[Case #${caseNumber}] Missed the first response target: Late parcel`,
      `[Case #${caseNumber}] Still missing the first response target: Late parcel`,
    ]);
    expect(toSam[1]?.mail.text).toContain('overdue');
  });
});

describe('a real SQS delay', () => {
  let fixture: StackFixture;
  beforeAll(async () => {
    // Open every minute of every day, and targets of seconds, so the queue's own delay is what we wait for.
    const allWeek = Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]),
    );
    const seconds = (s: number) => s / 3600;
    const config = parseSupportConfig({
      ...TEST_CONFIG_INPUT,
      businessHours: { timeZone: 'UTC', weekly: allWeek, holidays: [] },
      responseTargets: {
        warnAt: 0.5,
        reEscalateAt: 5,
        byPriority: Object.fromEntries(
          ['low', 'normal', 'high', 'urgent'].map((p) => [
            p,
            { firstResponse: seconds(6), nextResponse: seconds(6), resolution: 10 },
          ]),
        ),
      },
    });
    fixture = await startStackFixture({ config });
  });
  afterAll(() => fixture.stop());

  it('fires the warning and the breach of an unanswered case when they are due', async () => {
    await fixture.send({ from: 'ana@customer.test', to: 'support@example.test', subject: 'Urgent', text: 'Help!' });
    const subjects = async () => (await fixture.mailbox('team@staff.example.com')).map((m) => m.mail.subject ?? '');

    await expect
      .poll(subjects, { timeout: 20_000, interval: 250 })
      .toEqual(expect.arrayContaining([expect.stringContaining('left to the first response target')]));
    await expect
      .poll(subjects, { timeout: 20_000, interval: 250 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Missed the first response target')]));

    // The warning is due 3 s after the case opened (half of 6 s). Measured from the case's own
    // timestamps, not the test's clock, so a busy machine cannot make an on-time alert look early;
    // the Date header has whole seconds, hence 2 s.
    const [supportCase] = await fixture.items('case');
    const warning = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.includes('left to the first response target'),
    );
    expect(warning!.mail.date!.getTime() - Date.parse(String(supportCase!.createdAt))).toBeGreaterThanOrEqual(2_000);
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: fixture.stack.checkDeadLetterQueueUrl, WaitTimeSeconds: 0 }),
    );
    expect(dead.Messages ?? []).toEqual([]);
    sqs.destroy();
  });
});
