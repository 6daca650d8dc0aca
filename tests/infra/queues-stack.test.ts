import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { readQueues } from '../../functions/config/queue-settings.ts';
import { addSupportStack } from '../../infra/support-app.ts';
import type { SupportStack } from '../../infra/support-stack.ts';
import { BILLING_QUEUE, BRAND_QUEUE, refusalOf, TWO_QUEUE_CONTEXT } from './queue-fixture.ts';
import { NO_BUNDLING, onlyResource, synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** SES's recipient match for a domain entry: the address's whole domain, not a subdomain of it. */
const coveredBy = (recipients: readonly string[], address: string) =>
  recipients.some((r) => r.toLowerCase() === address.toLowerCase() || address.toLowerCase().endsWith(`@${r}`));

const synthFailure = (support: unknown) =>
  refusalOf(() => addSupportStack(new App({ context: { ...NO_BUNDLING, support } })));

describe('a deployment with two more queues, one on a domain of its own', () => {
  let stack: SupportStack;
  let template: Template;

  beforeAll(() => {
    // Prepare, Act
    ({ stack, template } = synthesizeSupportStack({ ...NO_BUNDLING, support: TWO_QUEUE_CONTEXT }));
  });

  it('receives at both domains with its one rule, so every queue address and any other address there arrives', () => {
    // Assess
    const { resource: rule } = onlyResource(template, 'AWS::SES::ReceiptRule');
    const recipients: string[] = rule.Properties.Rule.Recipients;
    expect(recipients).toEqual(['help.example.com', 'kunden.example.de']);
    for (const address of [
      TEST_SUPPORT_CONTEXT.supportAddress,
      BILLING_QUEUE.address,
      BRAND_QUEUE.address,
      'anything-else@kunden.example.de',
    ])
      expect(coveredBy(recipients, address), address).toBe(true);
    // The MAIL FROM domains take bounces only: a domain entry does not reach its subdomains.
    expect(coveredBy(recipients, 'x@bounce.kunden.example.de')).toBe(false);
  });

  it('has one DKIM identity per domain, each with its MAIL FROM domain; the support domain keeps its logical id', () => {
    // Assess
    const identities = Object.entries(template.findResources('AWS::SES::EmailIdentity'));
    expect(
      identities.map(([, r]) => [r.Properties.EmailIdentity, r.Properties.MailFromAttributes.MailFromDomain]),
    ).toEqual([
      ['help.example.com', 'bounce.help.example.com'],
      ['kunden.example.de', 'bounce.kunden.example.de'],
    ]);
    expect(identities[0]?.[0]).toMatch(/^SendingIdentity[0-9A-F]{8}$/);
    for (const [, identity] of identities)
      expect(identity.Properties).toMatchObject({
        DkimAttributes: { SigningEnabled: true },
        DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      });
  });

  it("prints the brand domain's DNS records under outputs named after it", () => {
    // Prepare
    const { id: brandIdentity } = onlyResource(template, 'AWS::SES::EmailIdentity', 'SendingIdentitykunden');

    // Assess
    template.hasOutput('KundenExampleDeDkimRecord1Name', {
      Value: { 'Fn::GetAtt': [brandIdentity, 'DkimDNSTokenName1'] },
    });
    template.hasOutput('KundenExampleDeMxRecord', {
      Value: `kunden.example.de MX 10 inbound-smtp.${TEST_SUPPORT_CONTEXT.region}.amazonaws.com`,
    });
    template.hasOutput('KundenExampleDeMailFromSpfRecord', {
      Value: 'bounce.kunden.example.de TXT "v=spf1 include:amazonses.com ~all"',
    });
    template.hasOutput('MxRecord', {
      Value: `help.example.com MX 10 inbound-smtp.${TEST_SUPPORT_CONTEXT.region}.amazonaws.com`,
    });
  });

  it('lets every mail-sending function send as both identities and through the configuration set, nothing else', () => {
    // Prepare
    const identityIds = Object.keys(template.findResources('AWS::SES::EmailIdentity'));

    // Act
    const sending = Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([policyId, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
        .filter((s) => [s.Action].flat().includes('ses:SendEmail'))
        .map((s) => ({ policyId, resources: JSON.stringify(s.Resource) })),
    );

    // Assess
    expect(sending.map((s) => s.policyId.replace(/[0-9A-F]{8}$/, ''))).toEqual([
      'SlaChecksConsumerRoleDefaultPolicy',
      'SurveyRoleDefaultPolicy',
      'InboundHandlerRoleDefaultPolicy',
      'ReportMailRoleDefaultPolicy',
    ]);
    for (const { resources } of sending) {
      const refs = [...resources.matchAll(/"Ref":"([^"]+)"/g)].map((m) => m[1]).filter((r) => !r?.startsWith('AWS::'));
      expect(refs).toEqual([...identityIds, expect.stringMatching(/^SendingIdentityConfigurationSet/)]);
      expect(resources).toContain(':identity/');
      expect(resources).not.toContain('"*"');
    }
  });

  it('hands the queues to every function that sends mail or reads cases, as the functions read them', () => {
    // Assess
    for (const prefix of [
      'InboundHandlerFunction',
      'SlaChecksConsumerFunction',
      'SurveyFunction',
      'ReportMailFunction',
    ]) {
      const { resource: fn } = onlyResource(template, 'AWS::Lambda::Function', prefix);
      const variables = fn.Properties.Environment.Variables as Record<string, string>;
      const queues = readQueues({
        ...variables,
        BUSINESS_HOURS: variables.BUSINESS_HOURS ?? '',
        SLA_POLICY: variables.SLA_POLICY ?? '',
      });
      expect(
        queues.map((q) => [q.id, q.address, q.team.teamAddress]),
        prefix,
      ).toEqual([
        ['billing', 'billing@help.example.com', BILLING_QUEUE.teamAddress],
        ['brand', 'hallo@kunden.example.de', BRAND_QUEUE.teamAddress],
      ]);
    }
  });

  it('passes the AWS Solutions checks', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(stack);

    // Assess
    expect(
      report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`),
    ).toEqual([]);
  });
});

describe('synthesis stops on a queue nobody can answer', () => {
  it('names the queue without agents', () => {
    expect(synthFailure({ ...TWO_QUEUE_CONTEXT, queues: [{ ...BILLING_QUEUE, agents: [] }] })).toContain(
      'support.queues[0] (billing).agents: configure at least one agent for this queue',
    );
  });

  it('names the queue without a supervisor, and the app exits non-zero saying so', () => {
    // Prepare
    const agents = BILLING_QUEUE.agents.filter((a) => a.role === 'agent');
    const support = { ...TEST_SUPPORT_CONTEXT, queues: [BRAND_QUEUE, { ...BILLING_QUEUE, agents }] };

    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ support }) },
      encoding: 'utf8',
    });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('support.queues[1] (billing): configure at least one agent with role "supervisor"');
  });

  it('names the queue whose address another queue already has', () => {
    expect(
      synthFailure({
        ...TEST_SUPPORT_CONTEXT,
        queues: [BILLING_QUEUE, { ...BRAND_QUEUE, address: BILLING_QUEUE.address }],
      }),
    ).toContain('support.queues[1] (brand).address: billing@help.example.com is already queues[0] (billing)');
  });

  it("stops before CloudFormation would, when the queues outgrow a function's 4 KB of environment", () => {
    // Prepare: twelve brands, each on its own domain with its own targets and a team of six
    const names = ['Ana Lima', 'Bo Chen', 'Cleo Park', 'Dario Rossi', 'Eva Novak', 'Femi Ade', 'Gus Hart', 'Hana Sato'];
    const queues = Array.from({ length: 12 }, (_, i) => ({
      ...BRAND_QUEUE,
      id: `brand-${i}`,
      address: `hallo@brand${i}.example.de`,
      responseTargets: { warnAt: 0.5 + i / 100 },
      agents: Array.from({ length: 6 }, (_, k) => ({
        name: `${names[(k + i) % names.length]} ${i}`,
        email: `agent${k}@staff${i}.example.org`,
        agentId: `P-${i}-${k}`,
        role: k === 0 ? 'supervisor' : 'agent',
      })),
    }));

    // Act
    const message = synthFailure({ ...TEST_SUPPORT_CONTEXT, queues });

    // Assess
    expect(message).toMatch(
      /The environment of MailcaseSupport\/\w+\/\w+ would be about \d+ bytes; Lambda allows 4096/,
    );
    expect(message).toMatch(/largest: QUEUES \d+/);
  });
});
