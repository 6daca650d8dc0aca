import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeContextOverride, readCdkJsonContext } from '../../infra/context-override.ts';
import { NO_BUNDLING, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('a partial -c support override', () => {
  it('changes the fields it names and keeps every other one', () => {
    // Act
    const merged = mergeContextOverride(TEST_SUPPORT_CONTEXT, { domain: 'help.example.org', supportAddress: 'support@help.example.org' });

    // Assess
    expect(merged).toEqual({ ...TEST_SUPPORT_CONTEXT, domain: 'help.example.org', supportAddress: 'support@help.example.org' });
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

  it('the app merges -c support=\'{"region":...}\' onto cdk.json and deploys to that region', () => {
    // Prepare: the CDK CLI hands the app its context as CDK_CONTEXT_JSON, with -c values as strings.
    const outdir = mkdtempSync(join(tmpdir(), 'mailcase-synth-'));
    const context = { ...NO_BUNDLING, support: JSON.stringify({ region: 'us-west-2', closing: { surveyLinkDays: 14 } }) };

    try {
      // Act
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
        encoding: 'utf8',
      });

      // Assess
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const template = readFileSync(join(outdir, 'MailcaseSupport.template.json'), 'utf8');
      expect(template).toContain('inbound-smtp.us-west-2.amazonaws.com');
      expect(template).toContain('"EmailIdentity": "example.test"');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
