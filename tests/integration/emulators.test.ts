import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

describe('the local emulators', () => {
  it('DynamoDB Local does not outlive a Node process that ends without stopping it (an uncaught error)', async () => {
    // Prepare: a process starts DynamoDB Local, prints its endpoint, then dies of an error
    const script =
      "import { startDynamoDbLocal } from './infra/local/emulators.ts'; const { endpoint } = await startDynamoDbLocal({}); console.log(endpoint); throw new Error('boom');";

    // Act
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
    }).catch((error: { stdout: string; code: number }) => error);

    // Assess: it failed as scripted, and its endpoint stops answering
    expect(run).toMatchObject({ code: 1 });
    const endpoint = run.stdout.trim();
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answers = async () =>
      fetch(endpoint).then(
        () => true,
        () => false,
      );
    const deadline = Date.now() + 10_000;
    while ((await answers()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await answers()).toBe(false);
  });
});
