import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_LIFECYCLE_POLICY } from '../../functions/core/case-lifecycle.ts';
import { FREE_MAIL_DOMAINS } from '../../functions/core/flood-guard.ts';
import { DEFAULT_REPORT_POLICY } from '../../functions/core/report-policy.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import { COMPILED_SUFFIX, loadTemplate } from '../../functions/mail/compiled-templates.ts';
import { SURVEY_PAGE_FILE, SurveyPages } from '../../functions/survey/survey-page.ts';
import { LANGUAGE_DETECTOR_FILE } from '../../functions/mail/language-detector.ts';
import { functionBuildOptions } from '../../infra/constructs/mail-function.ts';
import type { InboundEnvironment } from '../../functions/config/resources.ts';
import { templateFiles } from '../../infra/templates/compile-templates.ts';
import {
  onlyResource,
  synthesizeSupportStack,
  TEST_SUPPORT_CONTEXT,
  type CfnResourceJson,
} from './support-stack-fixture.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

describe('the inbound function', () => {
  let app: App;
  let template: Template;
  let fn: CfnResourceJson;

  beforeAll(() => {
    // Prepare, Act
    ({ app, template } = synthesizeSupportStack());
    fn = onlyResource(template, 'AWS::Lambda::Function', 'InboundHandlerFunction').resource;
  });

  it('runs Node.js 22 on arm64 with room to parse large messages', () => {
    // Assess
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 60,
      Handler: 'index.handler',
    });
  });

  it('is configured from the support configuration, one variable per InboundEnvironment key', () => {
    // Prepare: the compiler insists every key of InboundEnvironment has a line here
    const expected = {
      TABLE_NAME: { Ref: Match.stringLikeRegexp('^CaseTable') },
      RAW_MAIL_BUCKET: { Ref: Match.stringLikeRegexp('^RawMailBucket') },
      SUPPORT_ADDRESS: TEST_SUPPORT_CONTEXT.supportAddress,
      SUPPORT_NAME: TEST_SUPPORT_CONTEXT.displayName,
      SUPPORT_WRITING: JSON.stringify({ language: 'en' }),
      MAX_MESSAGE_BYTES: String(5 * 1024 * 1024),
      TEMPLATES_DIR: '/var/task/templates',
      POWERTOOLS_SERVICE_NAME: 'mailcase-inbound',
      AUTO_REPLY_LIMIT_PER_HOUR: '5',
      FLOOD_LIMITS: JSON.stringify({
        newCasesPerSenderPerHour: 10,
        newCasesPerDomainPerHour: 50,
        unboundedDomains: FREE_MAIL_DOMAINS,
      }),
      SLA_QUEUE_URL: { Ref: Match.stringLikeRegexp('^SlaChecksQueue') },
      SLA_QUEUE_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SlaChecksQueue'), 'Arn'] },
      CHECK_SCHEDULE_GROUP: Match.stringLikeRegexp('SlaChecks-Schedules-Group'),
      CHECK_SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SlaChecksSchedulesDeliveryRole'), 'Arn'] },
      BUSINESS_HOURS: JSON.stringify(DEFAULT_BUSINESS_HOURS),
      SLA_POLICY: Match.anyValue(),
      LIFECYCLE_POLICY: JSON.stringify(DEFAULT_LIFECYCLE_POLICY),
      REPORT_POLICY: JSON.stringify(DEFAULT_REPORT_POLICY),
      SURVEY_URL: Match.anyValue(),
      FILE_POLICY: JSON.stringify({ attachBytesPerNotification: 10 * 1024 * 1024, linkDays: 7 }),
      TEAM: JSON.stringify({
        agents: TEST_SUPPORT_CONTEXT.agents,
        teamAddress: TEST_SUPPORT_CONTEXT.teamAddress,
        engineeringAddress: TEST_SUPPORT_CONTEXT.engineeringAddress,
      }),
      // The test context has no queues besides the default one.
      QUEUES: '[]',
    } satisfies Record<keyof InboundEnvironment, unknown>;

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          ...expected,
          REPLY_TOKEN_SECRET_ARN: { Ref: Match.stringLikeRegexp('ReplyTokenSecret') },
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
    // The test context sets no targets, so the function gets the defaults.
    expect(JSON.parse(String(fn.Properties.Environment.Variables.SLA_POLICY))).toEqual(DEFAULT_SLA_POLICY);
  });

  it('ships the mail templates inside the bundle, precompiled, where TEMPLATES_DIR points', async () => {
    // Prepare
    const assetPath = fn.Metadata?.['aws:asset:path'];
    expect(typeof assetPath).toBe('string');
    const bundle = join(app.outdir, String(assetPath));

    // Assess
    expect(existsSync(join(bundle, 'index.mjs'))).toBe(true);
    expect(existsSync(join(bundle, 'index.mjs.map'))).toBe(true);
    for (const file of templateFiles(join(REPO_ROOT, 'templates')))
      expect(existsSync(join(bundle, 'templates', `${file}${COMPILED_SUFFIX}`)), file).toBe(true);
    // The language detector rides beside the bundle, parsed only on a process's first new case.
    expect(existsSync(join(bundle, LANGUAGE_DETECTOR_FILE))).toBe(true);
    // Saved answers (#macro) ride in the same bundle, each a module of its own.
    expect(existsSync(join(bundle, 'templates', 'macros', `password-reset.hbs${COMPILED_SUFFIX}`))).toBe(true);
    const page = await loadTemplate(join(bundle, 'templates', 'en'), SURVEY_PAGE_FILE);
    expect(new SurveyPages(page, 'Example Support').problem('expired-link')).toMatchObject({
      statusCode: 410,
      body: expect.stringContaining('Example Support'),
    });
  });

  it('is, byte for byte, the bundle functionBuildOptions builds: what the bench times and the bundle tests read is what deploys', async () => {
    // Prepare
    const deployed = readFileSync(join(app.outdir, String(fn.Metadata?.['aws:asset:path']), 'index.mjs'));

    // Act
    const { outputFiles } = await build({
      ...functionBuildOptions(),
      entryPoints: [join(REPO_ROOT, 'functions', 'inbound', 'handler.ts')],
      absWorkingDir: REPO_ROOT,
      write: false,
      outfile: 'out/index.mjs',
      logLevel: 'silent',
    });

    // Assess
    const built = outputFiles.find((f) => f.path.endsWith('index.mjs'));
    expect(built?.contents.length).toBe(deployed.length);
    expect(Buffer.compare(Buffer.from(built?.contents ?? []), deployed)).toBe(0);
  });

  it('retries a failed message twice, then keeps its event on an encrypted, TLS-only queue', () => {
    // Assess
    const { id: queueId, resource: queue } = onlyResource(template, 'AWS::SQS::Queue', 'InboundFailedMail');
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 60 * 60 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('logs to its own log group, kept for 90 days', () => {
    // Assess
    const logGroupId = fn.Properties.LoggingConfig?.LogGroup?.Ref;
    expect(template.toJSON().Resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 90 },
    });
  });
});
