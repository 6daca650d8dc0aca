import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileTemplates } from '../../infra/templates/compile-templates.ts';

let compiled: Promise<string> | undefined;

/** A folder of this repository's templates, precompiled the way a function gets them (once per test file). */
export function repoTemplatesDir(): Promise<string> {
  compiled ??= mkdtemp(join(tmpdir(), 'mailcase-templates-')).then(async (dir) => {
    await compileTemplates(resolve(import.meta.dirname, '../../templates'), dir);
    return dir;
  });
  return compiled;
}
