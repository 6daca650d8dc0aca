import { brotliDecompressSync } from 'node:zlib';
import type { QueueWriting } from '../core/draft-language.ts';
import { FALLBACK_LANGUAGE, LANGUAGE_CODE_FORM, type SupportQueue } from '../core/queues.ts';
import { MissingSettingError } from './env.ts';
import { hoursSchema, parseSetting, policySchema } from './settings.ts';
import { teamSchema } from './team-schema.ts';
import * as z from './zod-mini.ts';

/**
 * Marks a QUEUES value that is the JSON brotli-compressed, then base64: Lambda allows 4 KB of
 * environment per function in all, and two queues with their own teams, hours and targets are
 * about 2 KB of JSON but under 600 bytes compressed. A value without it is the JSON itself.
 */
export const COMPRESSED_QUEUES_PREFIX = 'br64:';

/** How a queue writes: the default queue's in SUPPORT_WRITING, every other queue's among its settings. */
const writingShape = {
  language: z.string().check(z.regex(LANGUAGE_CODE_FORM)),
  signature: z.optional(z.string()),
  templates: z.optional(z.string()),
};
const writingSchema = z.object(writingShape);
const queueSchema = z.object({
  id: z.string().check(z.minLength(1)),
  address: z.string().check(z.minLength(3)),
  displayName: z.string(),
  team: teamSchema,
  businessHours: hoursSchema,
  slaPolicy: policySchema,
  ...writingShape,
});
const queuesSchema = z.array(queueSchema);

/**
 * How the default queue writes, from SUPPORT_WRITING (JSON written from the validated deployment
 * config): its language, signature and template folder. Absent (functions built before languages): English, plainly.
 */
export function readWriting(env: NodeJS.ProcessEnv = process.env): QueueWriting {
  const value = env.SUPPORT_WRITING;
  return value === undefined ? { language: FALLBACK_LANGUAGE } : parseSetting('SUPPORT_WRITING', value, writingSchema);
}

/**
 * The queues besides the default one, from QUEUES (written from the validated deployment config
 * by infra/queue-environment.ts, every default applied): JSON, or JSON compressed behind
 * COMPRESSED_QUEUES_PREFIX. None when the variable is absent (a deployment without queues, or one
 * built before them).
 */
export function readQueues(env: NodeJS.ProcessEnv = process.env): readonly SupportQueue[] {
  const value = env.QUEUES;
  if (value === undefined || value.trim() === '') return [];
  return parseSetting('QUEUES', decoded(value), queuesSchema).map((queue) => ({
    ...queue,
    id: queue.id.toLowerCase(),
    address: queue.address.toLowerCase(),
  }));
}

function decoded(value: string): string {
  if (!value.startsWith(COMPRESSED_QUEUES_PREFIX)) return value;
  try {
    return brotliDecompressSync(Buffer.from(value.slice(COMPRESSED_QUEUES_PREFIX.length), 'base64')).toString('utf8');
  } catch (error) {
    throw new MissingSettingError(`Environment variable QUEUES is not compressed JSON: ${String(error)}`);
  }
}
