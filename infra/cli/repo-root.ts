import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package name that marks this repository's root (package.json). */
const PACKAGE_NAME = 'mailcase';

/**
 * The repository root `from` lies in (the nearest folder upward whose package.json is this
 * project's), or undefined outside it: `npx support` in functions/ works on the stack
 * `npm start` runs in the root, as it does in the root itself.
 */
export function findRepoRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isOurPackage(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isOurPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof json === 'object' && json !== null && 'name' in json && json.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}
