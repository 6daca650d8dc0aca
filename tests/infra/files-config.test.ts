import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_POLICY } from '../../functions/core/case-files.ts';
import { readFilePolicy } from '../../functions/config/settings.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { mailEnvironment } from '../../infra/function-environment.ts';
import { TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const RESOURCES = {
  tableName: 't',
  templatesDir: '/t',
  slaQueueUrl: 'https://q',
  surveyUrl: 'https://s/',
  checkSchedule: { queueArn: 'arn:q', groupName: 'g', roleArn: 'arn:r' },
};

describe('the files setting in cdk.json', () => {
  it('defaults to 10 MiB attached per notification and week-long links, and reaches the functions as FILE_POLICY', () => {
    // Act
    const config = parseSupportConfig(TEST_SUPPORT_CONTEXT);
    const env = mailEnvironment(config, RESOURCES, 'mailcase-inbound');

    // Assess
    expect(config.files).toEqual({ attachBytesPerNotification: 10 * 1024 * 1024, linkDays: 7 });
    expect(readFilePolicy({ FILE_POLICY: env.FILE_POLICY })).toEqual(DEFAULT_FILE_POLICY);
  });

  it('takes 0 (links only) and a month of links', () => {
    // Act
    const config = parseSupportConfig({
      ...TEST_SUPPORT_CONTEXT,
      files: { attachBytesPerNotification: 0, linkDays: 30 },
    });

    // Assess
    expect(config.files).toEqual({ attachBytesPerNotification: 0, linkDays: 30 });
  });

  it.each([
    [{ attachBytesPerNotification: 26 * 1024 * 1024 }, 'support.files.attachBytesPerNotification'],
    [{ linkDays: 0 }, 'support.files.linkDays'],
  ])('refuses %j, naming the field', (files, field) => {
    expect(() => parseSupportConfig({ ...TEST_SUPPORT_CONTEXT, files })).toThrow(field);
  });
});
