import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeContextOverride, readCdkJsonContext } from '../../infra/context-override.ts';
import { TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('a partial -c support override', () => {
  it('changes the fields it names and keeps every other one', () => {
    // Act
    const merged = mergeContextOverride(TEST_SUPPORT_CONTEXT, {
      domain: 'help.example.org',
      supportAddress: 'support@help.example.org',
    });

    // Assess
    expect(merged).toEqual({
      ...TEST_SUPPORT_CONTEXT,
      domain: 'help.example.org',
      supportAddress: 'support@help.example.org',
    });
  });

  it('merges nested objects key by key', () => {
    // Prepare
    const base = { closing: { reopenWithinDays: 7, surveyLinkDays: 28 }, region: 'eu-west-1' };

    // Act
    const merged = mergeContextOverride(base, { closing: { surveyLinkDays: 14 } });

    // Assess
    expect(merged).toEqual({ closing: { reopenWithinDays: 7, surveyLinkDays: 14 }, region: 'eu-west-1' });
  });

  it('replaces a list such as agents whole, so an override can remove someone', () => {
    // Prepare
    const sam = TEST_SUPPORT_CONTEXT.agents[1];

    // Act
    const merged = mergeContextOverride(TEST_SUPPORT_CONTEXT, { agents: [sam] });

    // Assess
    expect(merged).toEqual({ ...TEST_SUPPORT_CONTEXT, agents: [sam] });
  });

  it('reads the support object cdk.json holds', () => {
    // Act
    const support = readCdkJsonContext('support');

    // Assess
    expect(support).toMatchObject({ domain: 'example.test', supportAddress: 'support@example.test' });
  });

  it('the app merges -c support=\'{"region":...}\' onto cdk.json: only the overridden field can be wrong', () => {
    // Prepare: the CDK CLI hands the app its context as CDK_CONTEXT_JSON, with -c values as strings.
    const context = { support: JSON.stringify({ region: 'sa-east-1' }) };

    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context) },
      encoding: 'utf8',
    });

    // Assess: had the override replaced cdk.json's object, domain, agents and the rest would be missing too.
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('  - support.'))).toEqual([
      '  - support.region: sa-east-1 has no SES email receiving; use one of us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, eu-west-1, eu-west-2, eu-west-3, eu-central-1, eu-north-1, eu-south-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, il-central-1',
    ]);
  });
});
