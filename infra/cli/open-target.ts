import { join, resolve } from 'node:path';
import { stringOption, UsageError, type OptionValues } from './command-line.ts';
import { findRepoRoot } from './repo-root.ts';
import type { Target } from './target.ts';

/** The local stack's data folder, in the repository root, unless `--data-dir` names another: where `npm start` keeps state. */
const DEFAULT_DATA_DIR = '.local';

/** Opens the target the common options name: `--stack NAME` (deployed) or the local stack in `--data-dir`. */
export async function openTarget(values: OptionValues, usage: string): Promise<Target> {
  const stack = stringOption(values, 'stack');
  const dataDir = stringOption(values, 'data-dir');
  const region = stringOption(values, 'region');
  if (stack !== undefined && dataDir !== undefined)
    throw new UsageError('--stack and --data-dir name different stacks; give one of them', usage);
  if (stack === undefined && region !== undefined)
    throw new UsageError('--region goes with --stack (the local stack has its own region)', usage);
  if (stack !== undefined) {
    const { openAwsTarget } = await import('./aws-target.ts');
    return openAwsTarget(stack, region);
  }
  const { openLocalTarget } = await import('./local-target.ts');
  return openLocalTarget(dataDir === undefined ? defaultDataDir(process.cwd()) : resolve(dataDir));
}

/** `.local` in the repository root (found upward from `cwd`), so any folder of the repository finds the stack; `cwd/.local` outside it. */
export function defaultDataDir(cwd: string): string {
  return join(findRepoRoot(cwd) ?? cwd, DEFAULT_DATA_DIR);
}
