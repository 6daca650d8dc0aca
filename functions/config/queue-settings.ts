import type { SupportQueue } from '../core/queues.ts';
import { MissingSettingError } from './env.ts';
import { hoursSchema, policySchema, readBusinessHours, readSlaPolicy } from './settings.ts';
import { teamSchema } from './team-schema.ts';
import * as z from './zod-mini.ts';

/**
 * One queue as QUEUES carries it. `businessHours` and `slaPolicy` are left out where they are the
 * default queue's: Lambda allows 4 KB of environment in all, and each would repeat BUSINESS_HOURS
 * or SLA_POLICY (about 450 bytes a queue) in the same environment.
 */
const queueSchema = z.object({
  id: z.string().check(z.minLength(1)),
  address: z.string().check(z.minLength(3)),
  displayName: z.string(),
  team: teamSchema,
  businessHours: z.optional(hoursSchema),
  slaPolicy: z.optional(policySchema),
  language: z.string().check(z.regex(/^[a-z]{2}$/)),
  signature: z.optional(z.string()),
  templates: z.optional(z.string()),
});
const queuesSchema = z.array(queueSchema);

/**
 * The queues besides the default one, from QUEUES (JSON written from the validated deployment
 * config, see infra/queue-environment.ts), each complete: a calendar or targets it does not carry
 * are the default queue's. None when the variable is absent (a deployment without queues, or one
 * built before them).
 */
export function readQueues(env: NodeJS.ProcessEnv = process.env): readonly SupportQueue[] {
  const text = env.QUEUES;
  if (text === undefined || text.trim() === '') return [];
  const parsed = queuesSchema.safeParse(parseJson(text));
  if (!parsed.success)
    throw new MissingSettingError(`Environment variable QUEUES is not valid: ${parsed.error.message}`);
  let inherited: Pick<SupportQueue, 'businessHours' | 'slaPolicy'> | undefined;
  const defaults = () => {
    inherited ??= { businessHours: readBusinessHours(env), slaPolicy: readSlaPolicy(env) };
    return inherited;
  };
  return parsed.data.map(({ businessHours, slaPolicy, signature, templates, ...queue }) => ({
    ...queue,
    address: queue.address.toLowerCase(),
    businessHours: businessHours ?? defaults().businessHours,
    slaPolicy: slaPolicy ?? defaults().slaPolicy,
    ...(signature === undefined ? {} : { signature }),
    ...(templates === undefined ? {} : { templates }),
  }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MissingSettingError(`Environment variable QUEUES is not JSON: ${String(error)}`);
  }
}
