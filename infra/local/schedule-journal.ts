import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const storedSchedule = z.object({
  name: z.string(),
  groupName: z.string(),
  expression: z.string(),
  /** Epoch ms of the `at(...)` time (UTC). */
  at: z.number(),
  createdAt: z.number(),
  actionAfterCompletion: z.enum(['DELETE', 'NONE']),
  target: z.object({ arn: z.string(), roleArn: z.string(), input: z.string() }),
});

/** One schedule as the local Scheduler keeps it. */
export type StoredSchedule = z.infer<typeof storedSchedule>;

const entry = z.union([
  z.object({ put: storedSchedule }),
  z.object({ delete: z.object({ groupName: z.string(), name: z.string() }) }),
]);
type Entry = z.infer<typeof entry>;

/**
 * The local Scheduler's schedules on disk, so a restarted `npm start` still delivers what was
 * scheduled before: an append-only journal of puts and deletes (one JSON line each, appended in
 * order), compacted to the live schedules when it is opened. Without a file, nothing is written.
 */
export class ScheduleJournal {
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {}

  /** Opens the journal and returns it with the schedules it holds (none without a file). */
  static async open(file: string | undefined): Promise<{ journal: ScheduleJournal; schedules: StoredSchedule[] }> {
    if (file === undefined) return { journal: new ScheduleJournal(undefined), schedules: [] };
    await mkdir(dirname(file), { recursive: true });
    const live = new Map<string, StoredSchedule>();
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const change = entry.parse(JSON.parse(line));
      if ('put' in change) live.set(scheduleKey(change.put), change.put);
      else live.delete(scheduleKey(change.delete));
    }
    const schedules = [...live.values()];
    // Compacted through a temporary file, so a crash mid-write leaves the old journal whole.
    await writeFile(`${file}.tmp`, schedules.map((s) => `${JSON.stringify({ put: s })}\n`).join(''));
    await rename(`${file}.tmp`, file);
    return { journal: new ScheduleJournal(file), schedules };
  }

  put(schedule: StoredSchedule): Promise<void> {
    return this.append({ put: schedule });
  }

  delete(schedule: { groupName: string; name: string }): Promise<void> {
    return this.append({ delete: { groupName: schedule.groupName, name: schedule.name } });
  }

  /** Resolves once everything appended so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }

  private append(entry: Entry): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    this.writing = this.writing.then(() => appendFile(file, `${JSON.stringify(entry)}\n`));
    return this.writing;
  }
}

/** A schedule's identity: its group and its name. */
export function scheduleKey(schedule: { readonly groupName: string; readonly name: string }): string {
  return `${schedule.groupName}/${schedule.name}`;
}
