import { describe, expect, it } from 'vitest';
import { readLifecyclePolicy } from '../../functions/config/settings.ts';
import { DEFAULT_RECOVERY_POLICY, recoveryPolicy } from '../../functions/core/rating-recovery.ts';
import { parseSupportConfig, SupportConfigError } from '../../infra/config.ts';
import { mailEnvironment, surveyEnvironment } from '../../infra/function-environment.ts';
import { TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const RESOURCES = {
  tableName: 't',
  templatesDir: '/var/task/templates',
  slaQueueUrl: 'q',
  surveyUrl: 'https://s/',
  checkSchedule: { queueArn: 'arn:q', groupName: 'g', roleArn: 'arn:r' },
  bucketName: 'b',
};

/** The recovery settings a function reads from the environment a configuration gives it. */
const asRead = (environment: { LIFECYCLE_POLICY: string }) =>
  recoveryPolicy(readLifecyclePolicy({ LIFECYCLE_POLICY: environment.LIFECYCLE_POLICY }));

describe('the recovery settings under closing', () => {
  it('default to following up "Not good" within a business hour and thanking agents', () => {
    // Act
    const config = parseSupportConfig(TEST_SUPPORT_CONTEXT);

    // Assess
    expect(asRead(mailEnvironment(config, RESOURCES, 'mailcase-inbound'))).toEqual(DEFAULT_RECOVERY_POLICY);
    expect(DEFAULT_RECOVERY_POLICY).toEqual({
      followUpOn: ['not-good'],
      followUpResponseHours: 1,
      thankAgentOnGreat: true,
    });
  });

  it('reach every function that plans with them, the survey function included', () => {
    // Prepare
    const closing = { followUpOn: ['not-good', 'okay'], followUpResponseHours: 0.5, thankAgentOnGreat: false };

    // Act
    const config = parseSupportConfig({ ...TEST_SUPPORT_CONTEXT, closing });

    // Assess
    expect(asRead(mailEnvironment(config, RESOURCES, 'mailcase-inbound'))).toEqual(closing);
    expect(asRead(surveyEnvironment(config, RESOURCES))).toEqual(closing);
    expect(surveyEnvironment(config, RESOURCES)).not.toHaveProperty('SURVEY_URL');
  });

  it.each([
    [{ followUpOn: ['great'] }, /support\.closing\.followUpOn\.0: must be "not-good" or "okay"/],
    [{ followUpOn: [] }, /support\.closing\.followUpOn: must include "not-good"/],
    [{ followUpOn: ['okay'] }, /support\.closing\.followUpOn: must include "not-good"/],
    [{ followUpResponseHours: 0 }, /support\.closing\.followUpResponseHours: must be more than 0 business hours/],
    [{ thankAgentOnGreat: 'yes' }, /support\.closing\.thankAgentOnGreat:/],
  ])('refuses %j, naming the field', (closing, message) => {
    // Act, Assess
    expect(() => parseSupportConfig({ ...TEST_SUPPORT_CONTEXT, closing })).toThrow(SupportConfigError);
    expect(() => parseSupportConfig({ ...TEST_SUPPORT_CONTEXT, closing })).toThrow(message);
  });
});
