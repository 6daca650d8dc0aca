import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SLA_CHECK_QUEUE } from '../../functions/config/resources.ts';
import { synthesizeSupportStack, type SynthesizedSupportStack } from './support-stack-fixture.ts';

/** One synthesis for the whole file: it takes most of a minute on a busy machine. */
let shared: SynthesizedSupportStack | undefined;
const synthesizeOnce = () => {
  shared ??= synthesizeSupportStack();
  return shared;
};

describe('response-time checks on AWS', () => {
  let synthesized: SynthesizedSupportStack;
  beforeAll(() => {
    synthesized = synthesizeOnce();
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

describe('checks due later than SQS can delay, on EventBridge Scheduler', () => {
  let synthesized: SynthesizedSupportStack;
  beforeAll(() => {
    synthesized = synthesizeOnce();
  });
  const resolve = (token: string) => synthesized.stack.resolve(token) as unknown;
  type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };
  const statementsOf = (roleToken: string): Statement[] =>
    Object.values(synthesized.template.findResources('AWS::IAM::Policy'))
      .map(
        (policy) =>
          (
            policy as {
              Properties: { Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Statement[] } };
            }
          ).Properties,
      )
      .filter((p) => p.Roles.some((r) => JSON.stringify(r) === JSON.stringify(resolve(roleToken))))
      .flatMap((p) => p.PolicyDocument.Statement);
  const schedulesArn = () => resolve(synthesized.stack.slaChecks.schedules.schedulesArn);

  it('keeps the schedules in a group of their own', () => {
    synthesized.template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    synthesized.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
      Name: synthesized.stack.slaChecks.schedules.group.scheduleGroupName,
    });
  });

  it('gives Scheduler a role of this account that may send to the check queue and do nothing else', () => {
    const { schedules, queue } = synthesized.stack.slaChecks;
    synthesized.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
    expect(statementsOf(schedules.deliveryRole.roleName)).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: resolve(queue.queueArn) },
    ]);
  });

  it('lets the inbound function create, list and delete schedules of the group and pass that role to Scheduler only', () => {
    const { schedules } = synthesized.stack.slaChecks;
    const statements = statementsOf(synthesized.stack.inbound.fn.role?.roleName ?? '');
    expect(statements).toContainEqual({
      Action: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
      Effect: 'Allow',
      Resource: schedulesArn(),
    });
    expect(statements).toContainEqual({ Action: 'scheduler:ListSchedules', Effect: 'Allow', Resource: '*' });
    expect(statements).toContainEqual({
      Action: 'iam:PassRole',
      Effect: 'Allow',
      Resource: resolve(schedules.deliveryRole.roleArn),
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
  });

  it('lets the consumer only create schedules (a check that came early), never delete or list them', () => {
    const statements = statementsOf(synthesized.stack.slaChecks.consumer.role?.roleName ?? '');
    const schedulerActions = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('scheduler:'));
    expect(schedulerActions).toEqual(['scheduler:CreateSchedule']);
    expect(statements).toContainEqual({
      Action: 'scheduler:CreateSchedule',
      Effect: 'Allow',
      Resource: schedulesArn(),
    });
  });

  it('tells both functions the queue ARN, the group and the role', () => {
    const { schedules, queue } = synthesized.stack.slaChecks;
    for (const fn of [synthesized.stack.inbound.fn, synthesized.stack.slaChecks.consumer]) {
      const id = synthesized.stack.getLogicalId(fn.node.defaultChild as CfnElement);
      const variables = (
        synthesized.template.findResources('AWS::Lambda::Function')[id] as {
          Properties: { Environment: { Variables: Record<string, unknown> } };
        }
      ).Properties.Environment.Variables;
      expect(variables).toMatchObject({
        SLA_QUEUE_ARN: resolve(queue.queueArn),
        CHECK_SCHEDULE_GROUP: schedules.group.scheduleGroupName,
        CHECK_SCHEDULER_ROLE_ARN: resolve(schedules.deliveryRole.roleArn),
      });
    }
  });
});
