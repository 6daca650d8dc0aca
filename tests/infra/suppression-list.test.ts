import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupportStack } from '../../infra/support-stack.ts';
import { NO_BUNDLING, onlyResource, synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

describe('the suppression list on AWS', () => {
  let template: Template;
  let stack: SupportStack;
  const resolve = (token: string) => stack.resolve(token) as unknown;

  beforeAll(() => {
    // Prepare, Act
    ({ template, stack } = synthesizeSupportStack({ ...NO_BUNDLING, support: TEST_SUPPORT_CONTEXT }));
  });

  it('has the configuration set publish its bounces and complaints, and nothing else, to the default event bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: resolve(stack.sending.configurationSetName),
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: {
          EventBusArn: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                Match.stringLikeRegexp(':events:'),
                { Ref: 'AWS::AccountId' },
                ':event-bus/default',
              ],
            ],
          },
        },
      },
    });
  });

  it("routes only this configuration set's bounces and complaints to the function, retried, with a dead-letter queue", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [resolve(stack.sending.configurationSetName)] } } },
      },
      Targets: [
        {
          Arn: resolve(stack.suppression.fn.functionArn),
          Id: Match.anyValue(),
          DeadLetterConfig: { Arn: resolve(stack.suppression.failedEvents.queueArn) },
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
        },
      ],
    });
    // EventBridge may put what it cannot deliver on the queue; the queue takes nothing but TLS.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [resolve(stack.suppression.failedEvents.queueUrl)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': resolve(stack.suppression.rule.ruleArn) } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('retries a failing invocation twice, then leaves the event on the same dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: resolve(stack.suppression.fn.functionName),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: resolve(stack.suppression.failedEvents.queueArn) } },
    });
  });

  it('lets the function put SUPPRESSED# items and nothing else: no reads, no other keys, no reply-token key', () => {
    // Prepare
    const { resource: role } = onlyResource(template, 'AWS::IAM::Role', 'SuppressionRole');
    const roleId = Object.entries(template.findResources('AWS::IAM::Role')).find(([, r]) => r === role)?.[0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);

    // Assess
    const byService = (prefix: string) => statements.filter((s) => [s.Action].flat().some((a) => a.startsWith(prefix)));
    expect(byService('dynamodb:')).toEqual([
      {
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: resolve(stack.caseTable.table.tableArn),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUPPRESSED#*'] } },
      },
    ]);
    expect(byService('sqs:').map((s) => s.Resource)).toEqual([resolve(stack.suppression.failedEvents.queueArn)]);
    expect(byService('secretsmanager:')).toEqual([]);
    expect(byService('ses:')).toEqual([]);
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual([
      'dynamodb:PutItem',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
  });

  it("gives the function the table and its service name, and nothing of the mail functions' settings", () => {
    const { resource } = onlyResource(template, 'AWS::Lambda::Function', 'SuppressionFunction');
    expect(resource.Properties.Environment.Variables).toEqual({
      TABLE_NAME: resolve(stack.caseTable.table.tableName),
      POWERTOOLS_SERVICE_NAME: 'mailcase-suppression',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(resource.Properties.Runtime).toBe('nodejs22.x');
  });
});
