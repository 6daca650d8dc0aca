import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import { parseSupportConfig, SupportConfigError } from '../../infra/config.ts';
import { addSupportStack, DEFAULT_STACK_NAME } from '../../infra/support-app.ts';
import { NO_BUNDLING, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function addStackWith(support: unknown, extraContext: Record<string, unknown> = {}) {
  return addSupportStack(new App({ context: { ...NO_BUNDLING, ...extraContext, support } }));
}

function configErrorFor(support: unknown): SupportConfigError {
  try {
    addStackWith(support);
  } catch (error) {
    if (error instanceof SupportConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('deployment configuration', () => {
  it('rejects a support address that is not an email address, naming the field', () => {
    // Act
    const error = configErrorFor({ ...TEST_SUPPORT_CONTEXT, supportAddress: 'support at help.example.com' });

    // Assess
    expect(error.message).toMatch(/support\.supportAddress: must be an email address/);
  });

  it('rejects a region where SES does not receive mail, naming the field and the regions that do', () => {
    // Act
    const error = configErrorFor({ ...TEST_SUPPORT_CONTEXT, region: 'sa-east-1' });

    // Assess
    expect(error.message).toMatch(/support\.region: sa-east-1 has no SES email receiving; use one of .*eu-west-1/);
  });

  it('rejects a support address on another domain, which SES would never deliver to us', () => {
    // Act
    const error = configErrorFor({ ...TEST_SUPPORT_CONTEXT, supportAddress: 'support@elsewhere.example.com' });

    // Assess
    expect(error.message).toMatch(/support\.supportAddress: supportAddress must be on the configured domain/);
  });

  it('explains a missing support context instead of failing somewhere inside the stack', () => {
    // Act
    const error = configErrorFor(undefined);

    // Assess
    expect(error.message).toMatch(/Invalid support configuration/);
  });

  it('accepts the configuration as a JSON string, the way `cdk -c support=...` passes it', () => {
    // Act
    const stack = addStackWith(JSON.stringify(TEST_SUPPORT_CONTEXT));

    // Assess
    expect(stack.region).toBe(TEST_SUPPORT_CONTEXT.region);
  });

  it(`names the stack ${DEFAULT_STACK_NAME} and deploys it to the configured region`, () => {
    // Act
    const stack = addStackWith(TEST_SUPPORT_CONTEXT);

    // Assess
    expect(stack.stackName).toBe(DEFAULT_STACK_NAME);
    expect(stack.region).toBe(TEST_SUPPORT_CONTEXT.region);
  });

  it('takes another stack name from the stackName context, so two deployments can share an account', () => {
    // Act
    const stack = addStackWith(TEST_SUPPORT_CONTEXT, { stackName: 'MailcaseStaging' });

    // Assess
    expect(stack.stackName).toBe('MailcaseStaging');
    Template.fromStack(stack).hasResourceProperties('AWS::SES::ReceiptRuleSet', {
      RuleSetName: 'MailcaseStaging-inbound',
    });
  });

  it('the app exits non-zero and says which field is wrong when cdk.json is invalid', () => {
    // Prepare
    const context = { support: { ...TEST_SUPPORT_CONTEXT, region: 'sa-east-1' } };

    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context) },
      encoding: 'utf8',
    });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('support.region: sa-east-1 has no SES email receiving');
    expect(run.stderr).toContain('Fix the "support" object in cdk.json');
  });
});

describe('the team in the support configuration', () => {
  it('requires a supervisor on duty', () => {
    const agents = [{ name: 'Maria Lopez', email: 'maria@staff.example.org', agentId: 'A-7', role: 'agent' }];
    expect(configErrorFor({ ...TEST_SUPPORT_CONTEXT, agents }).message).toMatch(
      /support\.agents: configure at least one agent with role "supervisor"/,
    );
  });

  it('refuses agents on the support domain, whose mail would loop back into the pipeline', () => {
    const agents = [
      ...TEST_SUPPORT_CONTEXT.agents,
      { name: 'Loop', email: 'loop@help.example.com', agentId: 'L-1', role: 'agent' },
    ];
    expect(configErrorFor({ ...TEST_SUPPORT_CONTEXT, agents }).message).toMatch(/must not be on the support domain/);
  });

  it('refuses two agents with one agent ID', () => {
    const agents = [
      ...TEST_SUPPORT_CONTEXT.agents,
      { name: 'Twin', email: 'twin@staff.example.org', agentId: 'a-7', role: 'agent' },
    ];
    expect(configErrorFor({ ...TEST_SUPPORT_CONTEXT, agents }).message).toMatch(/two agents share an agentId/);
  });
});

describe('business hours and response targets in the support configuration', () => {
  it('defaults to Monday to Friday 09:00-17:00 UTC and the default policy when neither is given', () => {
    // Act
    const config = parseSupportConfig(TEST_SUPPORT_CONTEXT);

    // Assess
    expect(config.businessHours).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(config.responseTargets).toEqual(DEFAULT_SLA_POLICY);
  });

  it('keeps the defaults for whatever a partial setting leaves out', () => {
    // Act
    const config = parseSupportConfig({
      ...TEST_SUPPORT_CONTEXT,
      businessHours: { timeZone: 'Europe/Berlin', holidays: ['2026-12-25'] },
      responseTargets: { warnAt: 0.5, byPriority: { urgent: { firstResponse: 0.5, nextResponse: 1, resolution: 4 } } },
    });

    // Assess
    expect(config.businessHours).toEqual({
      timeZone: 'Europe/Berlin',
      weekly: DEFAULT_BUSINESS_HOURS.weekly,
      holidays: ['2026-12-25'],
    });
    expect(config.responseTargets).toEqual({
      ...DEFAULT_SLA_POLICY,
      warnAt: 0.5,
      byPriority: { ...DEFAULT_SLA_POLICY.byPriority, urgent: { firstResponse: 0.5, nextResponse: 1, resolution: 4 } },
    });
  });

  it('rejects a time zone that does not exist, naming it', () => {
    const error = configErrorFor({ ...TEST_SUPPORT_CONTEXT, businessHours: { timeZone: 'Mars/Olympus' } });
    expect(error.message).toContain('support.businessHours.timeZone: Mars/Olympus is not a known time zone');
  });

  it('explains malformed opening hours, weekdays and holidays field by field', () => {
    // Act
    const error = configErrorFor({
      ...TEST_SUPPORT_CONTEXT,
      businessHours: {
        timeZone: 'Europe/Berlin',
        weekly: { mon: ['9-17', '17:00-09:00'], monday: ['09:00-17:00'] },
        holidays: ['2026-02-30'],
      },
    });

    // Assess
    expect(error.message).toContain(
      'support.businessHours.weekly.mon.0: 9-17 is not an opening interval; write HH:MM-HH:MM',
    );
    expect(error.message).toContain('support.businessHours.weekly.mon.1: 17:00-09:00 closes before it opens');
    expect(error.message).toContain('support.businessHours.weekly: monday is not a weekday');
    expect(error.message).toContain('support.businessHours.holidays.0: 2026-02-30 is not a date; write YYYY-MM-DD');
  });

  it('refuses a calendar that never opens', () => {
    const error = configErrorFor({ ...TEST_SUPPORT_CONTEXT, businessHours: { timeZone: 'UTC', weekly: {} } });
    expect(error.message).toContain('support.businessHours.weekly: open at least one weekday');
  });

  it('explains response targets out of range', () => {
    // Act
    const error = configErrorFor({
      ...TEST_SUPPORT_CONTEXT,
      responseTargets: { warnAt: 1.5, reEscalateAt: 1, byPriority: { normal: { firstResponse: 0, nextResponse: 8 } } },
    });

    // Assess
    expect(error.message).toContain('support.responseTargets.warnAt: must be a share of the target between 0 and 1');
    expect(error.message).toContain('support.responseTargets.reEscalateAt: must be a multiple of the target above 1');
    expect(error.message).toContain(
      'support.responseTargets.byPriority.normal.firstResponse: must be more than 0 business hours',
    );
    expect(error.message).toContain(
      'support.responseTargets.byPriority.normal.resolution: must be a number of business hours',
    );
  });
});

describe('response targets that the calendar can always place', () => {
  it('refuses a target or a re-escalation multiple that would put a deadline years away', () => {
    const byPriority = { low: { firstResponse: 8, nextResponse: 16, resolution: 5000 } };
    expect(configErrorFor({ ...TEST_SUPPORT_CONTEXT, responseTargets: { byPriority } }).message).toMatch(
      /resolution: must be at most 1000 business hours/,
    );
    expect(configErrorFor({ ...TEST_SUPPORT_CONTEXT, responseTargets: { reEscalateAt: 1000 } }).message).toMatch(
      /reEscalateAt: must be at most 5 times the target/,
    );
  });
});
