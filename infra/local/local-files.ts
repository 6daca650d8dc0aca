import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';

/** The folders one run of the local stack keeps its files in. */
export interface LocalFiles {
  /** The data folder (resolved), or undefined when state is kept in memory. */
  readonly stateDir: string | undefined;
  /** Where this run keeps its files: the data folder, or a scratch folder removed by close(). */
  readonly filesDir: string;
  readonly mailDir: string;
  readonly maildirDir: string;
  /** Receipts that failed every retry, one JSON file each; made on the first. */
  readonly deadLetterDir: string;
  /** The precompiled templates the functions read. */
  readonly templatesDir: string;
  /** Removes the scratch folder (if any), then frees the data folder for the next stack. */
  close(): Promise<void>;
}

/**
 * Lays out the run's folders and takes the data folder's lock, before anything starts on it: a
 * second stack would share DynamoDB Local's files. Without a data folder, a scratch folder stands in.
 */
export async function openLocalFiles(dataDir: string | undefined): Promise<LocalFiles> {
  const stateDir = dataDir === undefined ? undefined : resolve(dataDir);
  const scratch = stateDir === undefined ? await mkdtemp(join(tmpdir(), 'mailcase-')) : undefined;
  const filesDir = stateDir ?? (scratch as string);
  const mailDir = join(filesDir, 'mail');
  if (stateDir !== undefined) await mkdir(join(stateDir, 'dynamodb'), { recursive: true });
  const lock = stateDir === undefined ? undefined : await lockDataDir(stateDir);
  await mkdir(mailDir, { recursive: true });
  return {
    stateDir,
    filesDir,
    mailDir,
    maildirDir: join(filesDir, 'maildir'),
    deadLetterDir: join(filesDir, 'dead-letters'),
    templatesDir: join(filesDir, 'templates'),
    async close() {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
      await lock?.release();
    },
  };
}
