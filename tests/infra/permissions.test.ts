import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RAW_MAIL } from '../../functions/config/resources.ts';
import { synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

interface PolicyStatementAt {
  readonly policyId: string;
  readonly statement: Statement;
  readonly actions: string[];
  readonly resources: unknown[];
}

/** The only action allowed on "*": SES offers no resource-level permission for it. */
const RESOURCE_WILDCARD_EXCEPTIONS = ['ses:SetActiveReceiptRuleSet'];

describe('permissions', () => {
  let template: Template;
  let statements: PolicyStatementAt[];

  beforeAll(() => {
    // Prepare, Act
    ({ template } = synthesizeSupportStack());
    statements = allowStatements(template);
  });

  it('grant no DynamoDB, S3 or SES action on every resource', () => {
    // Assess
    const onEverything = statements
      .filter(({ actions }) => actions.some((action) => /^(dynamodb|s3|ses):/.test(action)))
      .filter(({ resources }) => resources.includes('*'))
      .map(({ actions }) => actions);
    expect(onEverything).toEqual([RESOURCE_WILDCARD_EXCEPTIONS]);
  });

  it('grant no wildcard actions, and never let anything delete or scan cases', () => {
    // Assess
    const actions = statements.flatMap((s) => s.actions);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('let the inbound function read and conditionally write cases, and query them by status', () => {
    // Assess
    const onTable = inboundStatements().filter(({ actions }) => actions.some((a) => a.startsWith('dynamodb:')));
    expect(onTable.map(({ actions, resources }) => ({ actions, resources }))).toEqual([
      {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:Query',
        ],
        resources: [{ 'Fn::GetAtt': [expect.stringMatching(/^CaseTable/), 'Arn'] }],
      },
      {
        actions: ['dynamodb:Query'],
        resources: [
          {
            'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^CaseTable/), 'Arn'] }, '/index/byStatusShard']],
          },
        ],
      },
    ]);
  });

  it('let the inbound function read raw mail, and write and read back decoded content, each under its own prefix', () => {
    // Assess
    const onBucket = inboundStatements().filter(({ actions }) => actions.some((a) => a.startsWith('s3:')));
    const underPrefix = (prefix: string) => [
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^RawMailBucket/), 'Arn'] }, `/${prefix}*`]] },
    ];
    expect(onBucket.map(({ actions, resources }) => ({ actions, resources }))).toEqual([
      { actions: ['s3:GetObject'], resources: underPrefix(RAW_MAIL.inboundPrefix) },
      { actions: ['s3:PutObject'], resources: underPrefix(RAW_MAIL.contentPrefix) },
      { actions: ['s3:GetObject'], resources: underPrefix(RAW_MAIL.contentPrefix) },
    ]);
  });

  it('let the inbound function send only as the domain identity, through the configuration set', () => {
    // Assess
    const sending = inboundStatements().filter(({ actions }) => actions.some((a) => a.startsWith('ses:')));
    expect(sending).toHaveLength(1);
    expect(sending[0]?.actions).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const arnOf = (resource: string, logicalId: RegExp) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          `:ses:${TEST_SUPPORT_CONTEXT.region}:`,
          { Ref: 'AWS::AccountId' },
          `:${resource}/`,
          { Ref: expect.stringMatching(logicalId) },
        ],
      ],
    });
    expect(sending[0]?.resources).toEqual([
      arnOf('identity', /^SendingIdentity[0-9A-F]{8}$/),
      arnOf('configuration-set', /^SendingIdentityConfigurationSet[0-9A-F]{8}$/),
    ]);
  });

  it('attach no AWS-managed policy to any role', () => {
    // Assess
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.map((role) => role.Properties.ManagedPolicyArns)).toEqual(roles.map(() => undefined));
  });

  function inboundStatements(): PolicyStatementAt[] {
    return statements.filter(({ policyId }) => policyId.startsWith('InboundHandlerRoleDefaultPolicy'));
  }
});

function allowStatements(template: Template): PolicyStatementAt[] {
  return Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([policyId, policy]) =>
    (policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => statement.Effect === 'Allow')
      .map((statement) => ({
        policyId,
        statement,
        actions: [statement.Action].flat(),
        resources: [statement.Resource].flat(),
      })),
  );
}
