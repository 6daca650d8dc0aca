import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_POLICY } from '../../functions/core/case-lifecycle.ts';
import { loadTemplate } from '../../functions/mail/compiled-templates.ts';
import { LANGUAGE_DETECTOR_FILE } from '../../functions/mail/language-detector.ts';
import { SURVEY_PAGE_FILE, SurveyPages } from '../../functions/survey/survey-page.ts';
import type { SurveyEnvironment } from '../../functions/config/resources.ts';
import {
  onlyResource,
  synthesizeSupportStack,
  TEST_SUPPORT_CONTEXT,
  type CfnResourceJson,
  type SynthesizedSupportStack,
} from './support-stack-fixture.ts';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

describe('the survey endpoint on AWS', () => {
  let synthesized: SynthesizedSupportStack;
  let fn: { id: string; resource: CfnResourceJson };
  beforeAll(() => {
    // Prepare, Act
    synthesized = synthesizeSupportStack();
    fn = onlyResource(synthesized.template, 'AWS::Lambda::Function', 'SurveyFunction');
  });
  const resolve = (token: string) => synthesized.stack.resolve(token) as unknown;

  it('is a public function URL (the links are signed) with no CORS, pointing at the survey function', () => {
    // Assess
    const url = onlyResource(synthesized.template, 'AWS::Lambda::Url').resource;
    expect(url.Properties).toEqual({ AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [fn.id, 'Arn'] } });
    synthesized.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      FunctionName: { 'Fn::GetAtt': [fn.id, 'Arn'] },
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    });
  });

  it('publishes its address as a stack output and in the closing messages of the mail functions', () => {
    // Assess
    const url = resolve(synthesized.stack.survey.url);
    synthesized.template.hasOutput('SurveyUrl', { Value: url });
    for (const prefix of ['InboundHandlerFunction', 'SlaChecksConsumerFunction']) {
      expect(
        onlyResource(synthesized.template, 'AWS::Lambda::Function', prefix).resource.Properties.Environment.Variables
          .SURVEY_URL,
        prefix,
      ).toEqual(url);
    }
  });

  it('reserves a small, fixed concurrency, so a flood of requests costs little and starves no mail', () => {
    expect(fn.resource.Properties).toMatchObject({
      ReservedConcurrentExecutions: 10,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
    });
  });

  it('is configured with what the page needs and what a rating sets off, but no survey address of its own', () => {
    // Prepare: the compiler insists every key of SurveyEnvironment has a line here
    const inbound = onlyResource(synthesized.template, 'AWS::Lambda::Function', 'InboundHandlerFunction').resource
      .Properties.Environment.Variables;
    const expected = {
      TABLE_NAME: { Ref: expect.stringMatching(/^CaseTable/) },
      TEMPLATES_DIR: '/var/task/templates',
      SUPPORT_NAME: TEST_SUPPORT_CONTEXT.displayName,
      SUPPORT_WRITING: JSON.stringify({ language: 'en' }),
      SUPPORT_ADDRESS: TEST_SUPPORT_CONTEXT.supportAddress,
      LIFECYCLE_POLICY: JSON.stringify(DEFAULT_LIFECYCLE_POLICY),
      POWERTOOLS_SERVICE_NAME: 'mailcase-survey',
      RAW_MAIL_BUCKET: { Ref: expect.stringMatching(/^RawMailBucket/) },
      TEAM: inbound.TEAM,
      SLA_QUEUE_URL: { Ref: expect.stringMatching(/^SlaChecksQueue/) },
      BUSINESS_HOURS: inbound.BUSINESS_HOURS,
      SLA_POLICY: inbound.SLA_POLICY,
      FILE_POLICY: inbound.FILE_POLICY,
      SLA_QUEUE_ARN: inbound.SLA_QUEUE_ARN,
      CHECK_SCHEDULE_GROUP: inbound.CHECK_SCHEDULE_GROUP,
      CHECK_SCHEDULER_ROLE_ARN: inbound.CHECK_SCHEDULER_ROLE_ARN,
      QUEUES: '[]',
    } satisfies Record<keyof SurveyEnvironment, unknown>;

    // Assess
    expect(fn.resource.Properties.Environment.Variables).toEqual({
      ...expected,
      REPLY_TOKEN_SECRET_ARN: { Ref: expect.stringMatching(/^ReplyTokenSecret/) },
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('may read cases, add ratings with the follow-up they start, send through our identity, queue checks and read attachments; no scan, no delete', () => {
    // Prepare
    const role = fn.resource.Properties.Role as { 'Fn::GetAtt': [string, string] };
    const policies = Object.values(synthesized.template.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === role['Fn::GetAtt'][0]),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    const actions = statements.flatMap((s) => [s.Action].flat());

    // Assess
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(statements.find((s) => [s.Action].flat().includes('dynamodb:PutItem'))).toEqual({
      Effect: 'Allow',
      Action: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
      ],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^CaseTable/), 'Arn'] },
    });
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const ses = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
    expect(ses).toEqual([
      {
        Effect: 'Allow',
        Action: ['ses:SendEmail', 'ses:SendRawEmail'],
        Resource: [expect.anything(), expect.anything()],
      },
    ]);
    expect(JSON.stringify(ses[0]?.Resource)).toContain('SendingIdentity');
    const sqs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
    expect(sqs.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^SlaChecksQueue/), 'Arn'] }]);
    expect(actions.filter((a) => a.startsWith('sqs:')).sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    expect(actions.filter((a) => a.startsWith('secretsmanager:')).sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
    expect(
      actions.filter((a) => !/^(dynamodb|secretsmanager|logs|ses|sqs|s3|scheduler):/.test(a) && a !== 'iam:PassRole'),
    ).toEqual([]);
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:DeleteItem');
  });

  it('may read only the decoded attachments of the raw mail bucket: no raw message, no body, no write, no listing', () => {
    // Prepare
    const role = fn.resource.Properties.Role as { 'Fn::GetAtt': [string, string] };
    const statements = Object.values(synthesized.template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === role['Fn::GetAtt'][0]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);

    // Act
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));

    // Assess
    expect(s3).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: {
          'Fn::Join': [
            '',
            [{ 'Fn::GetAtt': [expect.stringMatching(/^RawMailBucket/), 'Arn'] }, '/content/*/attachments/*'],
          ],
        },
      },
    ]);
  });

  it('ships the survey page template inside its bundle, precompiled', async () => {
    // Prepare
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const assetPath = String(fn.resource.Metadata?.['aws:asset:path']);

    // Assess
    const page = await loadTemplate(join(synthesized.app.outdir, assetPath, 'templates', 'en'), SURVEY_PAGE_FILE);
    expect(new SurveyPages(page, 'Example Support').problem('forged-link').body).toContain('Example Support');
    expect(existsSync(join(synthesized.app.outdir, assetPath, 'index.mjs'))).toBe(true);
    // Only intake tells a case's language: the survey carries no detector.
    expect(existsSync(join(synthesized.app.outdir, assetPath, LANGUAGE_DETECTOR_FILE))).toBe(false);
  });

  it('links closing messages to a configured address instead, when one is set', () => {
    // Prepare
    const custom = synthesizeSupportStack({
      support: { ...TEST_SUPPORT_CONTEXT, closing: { surveyUrl: 'https://survey.example.com/' } },
    });

    // Assess
    const inbound = onlyResource(custom.template, 'AWS::Lambda::Function', 'InboundHandlerFunction').resource;
    expect(inbound.Properties.Environment.Variables.SURVEY_URL).toBe('https://survey.example.com/');
  });
});
