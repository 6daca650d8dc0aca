import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_TABLE } from '../../functions/config/resources.ts';
import {
  NO_BUNDLING,
  onlyResource,
  synthesizeSupportStack,
  TEST_SUPPORT_CONTEXT,
  type SynthesizedSupportStack,
} from './support-stack-fixture.ts';

/** The stack's scheduled rules (another rule of the stack reacts to events, not to a clock). */
const scheduled = (template: SynthesizedSupportStack['template']) =>
  Object.values(template.findResources('AWS::Events::Rule')).filter(
    (r) => r.Properties.ScheduleExpression !== undefined,
  );

describe('the report mail function and its schedules', () => {
  let synthesized: SynthesizedSupportStack;
  beforeAll(() => {
    synthesized = synthesizeSupportStack({ support: TEST_SUPPORT_CONTEXT, ...NO_BUNDLING });
  });

  it('runs the weekly digest on Mondays and the agents’ monthly mail on the 1st, at 08:00 UTC, each with its kind', () => {
    // Prepare
    const { template } = synthesized;
    const fn = onlyResource(template, 'AWS::Lambda::Function', 'ReportMail').id;

    // Assess
    expect(scheduled(template)).toHaveLength(2);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, Input: '{"kind":"weekly-digest"}' })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 8 1 * ? *)',
      Targets: [Match.objectLike({ Input: '{"kind":"agent-monthly"}' })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          REPORT_POLICY: '{"minRatingsToRank":5,"weeklyDigest":true,"monthlyAgentMail":true}',
        }),
      },
    });
  });

  it('may query the sharded status index and send mail, and nothing more', () => {
    // Prepare
    const { template } = synthesized;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p).includes('ReportMail'),
    );

    // Assess
    const statements = JSON.stringify(policies);
    expect(statements).toContain(`/index/${CASE_TABLE.statusIndex.name}`);
    expect(statements).toContain('ses:SendRawEmail');
    expect(statements).not.toContain('s3:');
    expect(statements).not.toContain('secretsmanager:');
  });

  it('leaves out the schedule of a mail switched off in reports', () => {
    // Act
    const { template } = synthesizeSupportStack({
      support: { ...TEST_SUPPORT_CONTEXT, reports: { weeklyDigest: false } },
      ...NO_BUNDLING,
    });

    // Assess
    expect(scheduled(template)).toHaveLength(1);
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 8 1 * ? *)' });
  });
});
