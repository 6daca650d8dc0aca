import { readFileSync, rmSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/**
 * `<data dir>/stack.pid`: the process that runs a stack on this folder. Two stacks on one folder
 * would run two DynamoDB Locals on the same table files and file mail into the same folders.
 */
export const LOCK_FILE_NAME = 'stack.pid';

/** Another live process already runs a stack on this data folder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`a stack is already running on ${dataDir} (pid ${pid}); stop it or use --data-dir`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Takes the folder for this process, or throws DataDirLockedError naming the process that has it.
 * A lock left by a process that is gone (killed, crashed) is taken over. Released by release(),
 * or when this process exits however it ends.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = join(dataDir, LOCK_FILE_NAME);
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder))
        throw new DataDirLockedError(shortPath(dataDir), holder);
      // Left behind by a process that is gone (or unreadable): take it over.
      await rm(file, { force: true });
    }
  }
  const releaseOnExit = () => removeIfOurs(file);
  process.once('exit', releaseOnExit);
  return {
    async release() {
      process.off('exit', releaseOnExit);
      removeIfOurs(file);
    },
  };
}

/** The folder as a person typed it: relative to the working folder when inside it (".local"). */
function shortPath(dir: string): string {
  const inside = relative(process.cwd(), dir);
  return inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? dir : inside;
}

function removeIfOurs(file: string): void {
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
