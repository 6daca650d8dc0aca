import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionBuildOptions } from '../../infra/constructs/mail-function.ts';
import { localContext } from '../../infra/local/lambda-context.ts';
import { bundleLanguageDetector } from '../../infra/templates/bundle-language-detector.ts';
import { compileTemplates } from '../../infra/templates/compile-templates.ts';
import { startStackFixture, storedReceipt, type StackFixture } from '../support/local-stack-fixture.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The inbound function as a deploy builds it (one minified bundle with the SDK inside, templates
 * precompiled beside it), run in a Node process of its own with nothing but its environment: the
 * same handler the local stack runs from source, here from the artifact Lambda would get.
 */
describe('the deployed bundle of the inbound function', () => {
  let fixture: StackFixture;
  let bundle: string;
  beforeAll(async () => {
    fixture = await startStackFixture();
    const dir = await mkdtemp(join(tmpdir(), 'mailcase-bundle-'));
    bundle = join(dir, 'index.mjs');
    await build({
      ...functionBuildOptions(),
      entryPoints: [join(REPO_ROOT, 'functions', 'inbound', 'handler.ts')],
      outfile: bundle,
      logLevel: 'silent',
    });
    await compileTemplates(join(REPO_ROOT, 'templates'), join(dir, 'templates'));
    await bundleLanguageDetector(dir);
  });
  afterAll(() => fixture.stop());

  it('takes in a stored mail from its SES event and acknowledges it through SES, as the source does', async () => {
    // Prepare: SES has stored the message and invokes the function with its receipt event
    const raw = Buffer.from(
      'From: Ana Souza <ana@customer.test>\r\nTo: support@example.test\r\nSubject: Bundled hello\r\nMessage-ID: <bundle-1@customer.test>\r\nDate: Wed, 02 Dec 2026 09:00:00 +0000\r\n\r\nDoes the deployed code work?\r\n',
    );
    const sesMessageId = `bundle${Date.now()}`;
    const event = await storedReceipt(fixture, raw, sesMessageId, 'ana@customer.test');
    // The local stack's Lambda context; its methods do not survive JSON, so the one Powertools calls is given back.
    const context = JSON.stringify(localContext());
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)}); const out = await handler(${JSON.stringify(event)}, { ...${context}, getRemainingTimeInMillis: () => 60000 }); process.stdout.write(JSON.stringify(out));`;

    // Act
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', script],
      { env: { ...process.env, TEMPLATES_DIR: join(bundle, '..', 'templates') }, cwd: tmpdir() },
    );

    // Assess
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null')).toEqual([
      expect.objectContaining({
        sesMessageId,
        outcome: 'case-opened',
        sent: expect.arrayContaining(['acknowledgement', 'notification']),
      }),
    ]);
    const [ack] = await fixture.mailbox('ana@customer.test');
    expect(ack?.mail.subject).toMatch(/^\[Case #\d+\] Bundled hello$/);
    expect(ack?.mail.inReplyTo).toBe('<bundle-1@customer.test>');
  });
});
