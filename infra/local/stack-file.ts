import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { supportConfigSchema, type SupportConfig } from '../config.ts';

/**
 * `<data dir>/stack.json`: how to reach a running local stack, written when `npm start` is up and
 * removed when it stops. The support CLI reads it to work against the local stack.
 */
export const STACK_FILE_NAME = 'stack.json';

const stackFileSchema = z.object({
  format: z.literal(1),
  /** The process running the stack, to tell a stopped stack from a live one. */
  pid: z.number().int().positive(),
  startedAt: z.string(),
  region: z.string(),
  endpoints: z.object({
    dynamodb: z.string(),
    s3: z.string(),
    sqs: z.string(),
    sesv2: z.string(),
    /** The local EventBridge Scheduler (absent in stack files written before it existed). */
    scheduler: z.string().optional(),
  }),
  tableName: z.string(),
  bucketName: z.string(),
  checkQueueUrl: z.string(),
  /** Receipts that failed every retry, one `{ event, error }` JSON file each. */
  deadLetterDir: z.string(),
  mailDir: z.string(),
  smtpPort: z.number().int(),
  surveyUrl: z.string(),
  /** The functions' environment (table, bucket, queue, settings, the local reply-token secret). */
  environment: z.record(z.string(), z.string()),
  /** The key each agent's local SMTP password is derived from, so `support agents password` can show it. */
  agentLoginKey: z.string(),
  config: supportConfigSchema,
});

export type StackFile = z.infer<typeof stackFileSchema>;
export type StackFileInput = Omit<StackFile, 'format' | 'pid' | 'startedAt'>;

/** The stack file could not be read: missing, or not one this version writes. */
export class StackFileError extends Error {
  constructor(
    message: string,
    readonly missing: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StackFileError';
  }
}

/** Writes the stack file into `folder`, readable by its owner only (it holds the local reply-token secret). */
export async function writeStackFile(folder: string, stack: StackFileInput): Promise<string> {
  const path = join(folder, STACK_FILE_NAME);
  const file: StackFile = { format: 1, pid: process.pid, startedAt: new Date().toISOString(), ...stack };
  await writeFile(path, JSON.stringify(file, null, 2), { mode: 0o600 });
  return path;
}

export async function removeStackFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** Reads `<folder>/stack.json`. */
export async function readStackFile(folder: string): Promise<StackFile & { config: SupportConfig }> {
  const path = join(folder, STACK_FILE_NAME);
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new StackFileError(`No local stack is running in ${folder} (there is no ${STACK_FILE_NAME})`, true, {
      cause: error,
    });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StackFileError(`${path} is not valid JSON`, false, { cause: error });
  }
  const parsed = stackFileSchema.safeParse(json);
  if (!parsed.success)
    throw new StackFileError(
      `${path} is not a stack file this version understands: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      false,
    );
  return parsed.data;
}
