import { describe, expect, it } from 'vitest';
import { MissingSettingError } from '../../functions/config/env.ts';
import { readQueues } from '../../functions/config/queue-settings.ts';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { mailEnvironment, reportMailEnvironment } from '../../infra/function-environment.ts';
import { supportQueues } from '../../infra/queue-environment.ts';
import { TWO_QUEUE_CONTEXT } from '../infra/queue-fixture.ts';

const WHERE = {
  tableName: 'cases',
  templatesDir: '/var/task/templates',
  slaQueueUrl: 'https://sqs.example/checks',
  surveyUrl: 'https://survey.example/',
  checkSchedule: { queueArn: 'arn:checks', groupName: 'checks', roleArn: 'arn:role' },
};

describe('the QUEUES variable', () => {
  it('is read back as every queue, complete, from what the deployment wrote', () => {
    // Prepare
    const config = parseSupportConfig(TWO_QUEUE_CONTEXT);
    const env = mailEnvironment(config, WHERE, 'mailcase-inbound');

    // Act
    const queues = readQueues({ ...env });

    // Assess
    expect(queues).toEqual(supportQueues(config));
    expect(queues.map((q) => q.address)).toEqual(['billing@help.example.com', 'hallo@kunden.example.de']);
  });

  it("leaves out a calendar and targets that are the default queue's, which the reader puts back", () => {
    // Prepare
    const config = parseSupportConfig(TWO_QUEUE_CONTEXT);

    // Act
    const written = JSON.parse(mailEnvironment(config, WHERE, 'mailcase-inbound').QUEUES) as Record<string, unknown>[];

    // Assess: billing inherits both; the brand keeps its own Berlin hours
    expect(written.map((q) => [q.id, 'businessHours' in q, 'slaPolicy' in q])).toEqual([
      ['billing', false, false],
      ['brand', true, false],
    ]);
    // Without the default queue's calendar beside it, the reader says which variable it needs.
    expect(() => readQueues({ QUEUES: JSON.stringify(written) })).toThrow(/BUSINESS_HOURS is not set/);
  });

  it("writes every calendar out where the environment has no default one to inherit: the report mail function's", () => {
    // Prepare
    const env = reportMailEnvironment(parseSupportConfig(TWO_QUEUE_CONTEXT), WHERE);

    // Act
    const queues = readQueues({ ...env });

    // Assess
    expect(queues[0]).toMatchObject({
      id: 'billing',
      businessHours: DEFAULT_BUSINESS_HOURS,
      slaPolicy: DEFAULT_SLA_POLICY,
    });
    expect(queues[1]?.businessHours.timeZone).toBe('Europe/Berlin');
  });

  it('is no queues when absent or empty, as in a deployment made before queues', () => {
    // Act, Assess
    expect(readQueues({})).toEqual([]);
    expect(readQueues({ QUEUES: '' })).toEqual([]);
    expect(readQueues({ QUEUES: '[]' })).toEqual([]);
  });

  it('names the variable when it is not JSON or not queues', () => {
    // Act, Assess
    expect(() => readQueues({ QUEUES: '[{' })).toThrow(MissingSettingError);
    expect(() => readQueues({ QUEUES: '[{' })).toThrow(/QUEUES is not JSON/);
    expect(() => readQueues({ QUEUES: '[{"id":"billing"}]' })).toThrow(/QUEUES is not valid/);
  });
});
