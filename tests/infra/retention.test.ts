import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CASE_TABLE } from '../../functions/config/resources.ts';
import { SupportConfigError } from '../../infra/config.ts';
import { addSupportStack } from '../../infra/support-app.ts';
import { NO_BUNDLING, onlyResource, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

function synthesize(extra: Record<string, unknown>): Template {
  return Template.fromStack(
    addSupportStack(new App({ context: { ...NO_BUNDLING, support: { ...TEST_SUPPORT_CONTEXT, ...extra } } })),
  );
}

describe('retention of solved cases', () => {
  it('removes cases through the table’s TTL attribute, and raw mail, old versions and delete markers through the bucket’s lifecycle', () => {
    // Act
    const template = synthesize({ retention: { solvedCaseDays: 400 } });

    // Assess
    expect(
      onlyResource(template, 'AWS::DynamoDB::Table', 'CaseTable').resource.Properties.TimeToLiveSpecification,
    ).toEqual({
      AttributeName: CASE_TABLE.timeToLiveAttribute,
      Enabled: true,
    });
    expect(
      onlyResource(template, 'AWS::S3::Bucket', 'RawMailBucket').resource.Properties.LifecycleConfiguration.Rules,
    ).toEqual([
      expect.objectContaining({
        ExpirationInDays: TEST_SUPPORT_CONTEXT.rawMailRetentionDays,
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      }),
      expect.objectContaining({ ExpiredObjectDeleteMarker: true }),
    ]);
  });

  it('tells every function that writes cases how long a solved case is kept', () => {
    // Act
    const template = synthesize({ retention: { solvedCaseDays: 400 } });

    // Assess
    const policies = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((fn) => fn.Properties?.Environment?.Variables?.LIFECYCLE_POLICY)
      .filter((policy): policy is string => typeof policy === 'string')
      .map((policy) => JSON.parse(policy).solvedCaseRetentionDays);
    expect(policies.length).toBeGreaterThan(1);
    expect(new Set(policies)).toEqual(new Set([400]));
  });

  it('is off unless configured: no function is told to expire cases', () => {
    // Act
    const template = synthesize({});

    // Assess
    const policies = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((fn) => fn.Properties?.Environment?.Variables?.LIFECYCLE_POLICY)
      .filter((policy): policy is string => typeof policy === 'string');
    expect(policies.map((policy) => JSON.parse(policy).solvedCaseRetentionDays)).toEqual(policies.map(() => undefined));
  });

  it('refuses a retention shorter than the survey link or the reopen window, saying why', () => {
    // Act
    let message = '';
    try {
      synthesize({ retention: { solvedCaseDays: 20 } });
    } catch (error) {
      if (!(error instanceof SupportConfigError)) throw error;
      message = error.message;
    }

    // Assess
    expect(message).toContain(
      'support.retention.solvedCaseDays: must be at least closing.reopenWithinDays (7) and closing.surveyLinkDays (28)',
    );
  });
});
