import { describe, expect, it } from 'vitest';
import { MissingSettingError } from '../../functions/config/env.ts';
import { COMPRESSED_QUEUES_PREFIX, readQueues, readWriting } from '../../functions/config/queue-settings.ts';
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

  it("is compressed to a fraction of the JSON, for Lambda's 4 KB of environment, and read back the same", () => {
    // Prepare
    const config = parseSupportConfig(TWO_QUEUE_CONTEXT);
    const json = JSON.stringify(supportQueues(config));

    // Act
    const { QUEUES } = mailEnvironment(config, WHERE, 'mailcase-inbound');

    // Assess
    expect(QUEUES.startsWith(COMPRESSED_QUEUES_PREFIX)).toBe(true);
    expect(QUEUES.length).toBeLessThan(json.length / 2);
    expect(readQueues({ QUEUES })).toEqual(supportQueues(config));
  });

  it('reads plain JSON too, as a test or a hand-set variable gives it', () => {
    // Prepare
    const queues = supportQueues(parseSupportConfig(TWO_QUEUE_CONTEXT));

    // Act, Assess
    expect(readQueues({ QUEUES: JSON.stringify(queues) })).toEqual(queues);
  });

  it("gives the report mail function the same queues, though it has no calendar of the default queue's", () => {
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
    expect(() => readQueues({ QUEUES: `${COMPRESSED_QUEUES_PREFIX}bm90IGJyb3RsaQ==` })).toThrow(/not compressed JSON/);
  });
});

describe('how the default queue writes', () => {
  it('is its configured language, signature and template folder, read back by the functions', () => {
    // Prepare
    const config = parseSupportConfig({
      ...TWO_QUEUE_CONTEXT,
      language: 'de',
      signature: 'Ihr Kundendienst\r\nTelefon 030 123456',
    });

    // Act
    const writing = readWriting({ ...mailEnvironment(config, WHERE, 'mailcase-inbound') });

    // Assess
    expect(writing).toEqual({ language: 'de', signature: 'Ihr Kundendienst\nTelefon 030 123456' });
  });

  it('is English without a signature when nothing is configured, or for functions built before languages', () => {
    // Act / Assess
    expect(readWriting({ ...mailEnvironment(parseSupportConfig(TWO_QUEUE_CONTEXT), WHERE, 'x') })).toEqual({
      language: 'en',
    });
    expect(readWriting({})).toEqual({ language: 'en' });
  });

  it('refuses a language that is no ISO 639-1 code, naming the field', () => {
    // Act / Assess
    expect(() => parseSupportConfig({ ...TWO_QUEUE_CONTEXT, language: 'xx' })).toThrow(
      /support\.language: xx is not an ISO 639-1 language code/,
    );
  });
});
