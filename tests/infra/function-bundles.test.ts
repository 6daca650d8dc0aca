import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { FUNCTION_BUNDLING } from '../../infra/constructs/mail-function.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const FUNCTIONS = readdirSync(join(REPO_ROOT, 'functions')).filter((name) => existsSync(join(REPO_ROOT, 'functions', name, 'handler.ts')));

/** Every file esbuild reads for a function's bundle, with the construct's options (SDK from the runtime, as CDK deploys it). */
async function filesBundled(fn: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [join(REPO_ROOT, 'functions', fn, 'handler.ts')],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    outdir: 'out',
    platform: 'node',
    format: 'esm',
    target: FUNCTION_BUNDLING.target,
    mainFields: FUNCTION_BUNDLING.mainFields,
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs);
}

describe('what each function bundle takes in', () => {
  it.each(FUNCTIONS)('%s validates with zod/mini, never the full zod (444 KB of every bundle), and reads nothing of infra/ but the shared resource description', async (fn) => {
    // Act
    const files = await filesBundled(fn);

    // Assess
    expect(files).toContain('functions/config/zod-mini.ts');
    expect(files.filter((f) => /node_modules\/zod\//.test(f) && !/node_modules\/zod\/(mini|v4\/(mini|core|locales))\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('infra/') && f !== 'infra/resources.ts')).toEqual([]);
  });
});
