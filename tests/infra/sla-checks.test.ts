import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SLA_CHECK_QUEUE } from '../../functions/config/resources.ts';
import { synthesizeSupportStack, type SynthesizedSupportStack } from './support-stack-fixture.ts';

describe('response-time checks on AWS', () => {
  let synthesized: SynthesizedSupportStack;
  beforeAll(() => {
    synthesized = synthesizeSupportStack();
  });
  const resolve = (token: string) => synthesized.stack.resolve(token) as unknown;

  it('keeps checks on an encrypted, TLS-only queue that hands repeated failures to a dead-letter queue', () => {
    const { template, stack } = synthesized;
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: SLA_CHECK_QUEUE.visibilityTimeoutSeconds,
      MessageRetentionPeriod: SLA_CHECK_QUEUE.retentionSeconds,
      RedrivePolicy: {
        deadLetterTargetArn: resolve(stack.slaChecks.deadLetterQueue.queueArn),
        maxReceiveCount: SLA_CHECK_QUEUE.maxReceiveCount,
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [resolve(stack.slaChecks.queue.queueUrl)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('feeds the consumer in batches and lets it report each failed check on its own', () => {
    synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: resolve(synthesized.stack.slaChecks.queue.queueArn),
      FunctionName: resolve(synthesized.stack.slaChecks.consumer.functionName),
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms on checks in the dead-letter queue and on consumer errors', () => {
    const { template, stack } = synthesized;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: resolve(stack.slaChecks.deadLetterQueue.queueName) }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: resolve(stack.slaChecks.consumer.functionName) }],
      Threshold: 1,
    });
  });

  it('lets the inbound function and the consumer send checks, and nothing else on the queue', () => {
    const statements = Object.values(synthesized.template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (
          policy as {
            Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[]; Resource: unknown }> } };
          }
        ).Properties.PolicyDocument.Statement,
    );
    const sending = statements.filter((s) => [s.Action].flat().includes('sqs:SendMessage'));
    const queueArn = resolve(synthesized.stack.slaChecks.queue.queueArn);
    expect(
      sending.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(queueArn)).length,
    ).toBeGreaterThanOrEqual(2);
    expect(
      statements.filter(
        (s) => [s.Action].flat().some((a) => a.startsWith('sqs:')) && JSON.stringify(s.Resource).includes('"*"'),
      ),
    ).toEqual([]);
  });

  it('gives the consumer the queue, the calendar and the targets it checks against', () => {
    synthesized.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'mailcase-sla-checks',
          SLA_QUEUE_URL: resolve(synthesized.stack.slaChecks.queue.queueUrl),
          BUSINESS_HOURS: Match.stringLikeRegexp('timeZone'),
          SLA_POLICY: Match.stringLikeRegexp('byPriority'),
        }),
      },
    });
  });

  it('keeps the consumer away from stored mail: no bucket in its environment, no S3 action in its role', () => {
    const { template, stack } = synthesized;
    const consumerId = stack.getLogicalId(stack.slaChecks.consumer.node.defaultChild as CfnElement);
    const consumer = template.findResources('AWS::Lambda::Function')[consumerId] as {
      Properties: { Environment: { Variables: Record<string, unknown> }; Role: { 'Fn::GetAtt': [string, string] } };
    };
    expect(Object.keys(consumer.Properties.Environment.Variables)).not.toContain('RAW_MAIL_BUCKET');
    const roleId = consumer.Properties.Role['Fn::GetAtt'][0];
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .map(
        (policy) =>
          (
            policy as {
              Properties: {
                Roles: Array<{ Ref: string }>;
                PolicyDocument: { Statement: Array<{ Action: string | string[] }> };
              };
            }
          ).Properties,
      )
      .filter((policy) => policy.Roles.some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.PolicyDocument.Statement.flatMap((s) => [s.Action].flat()));
    expect(actions).toContain('ses:SendRawEmail');
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
  });
});
