import type { SupportQueue } from '../core/queues.ts';
import { MissingSettingError } from './env.ts';
import { hoursSchema, policySchema } from './settings.ts';
import { teamSchema } from './team-schema.ts';
import * as z from './zod-mini.ts';

/**
 * The queues beyond the default one, from QUEUES (JSON written from the validated deployment
 * config: an array of SupportQueue); none when the variable is absent. A minimal reader so the
 * run-time side can be built; the deploy side's validation is the configuration's.
 */
export function readQueues(env: NodeJS.ProcessEnv = process.env): SupportQueue[] {
  const raw = env.QUEUES;
  if (raw === undefined || raw.trim() === '') return [];
  const parsed = z.array(queueSchema).safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new MissingSettingError(`Environment variable QUEUES is not valid: ${parsed.error.message}`);
  return parsed.data.map((q) => ({ ...q, id: q.id.toLowerCase(), address: q.address.toLowerCase() }));
}

const queueSchema = z.object({
  id: z.string(),
  address: z.string(),
  displayName: z.string(),
  team: teamSchema,
  businessHours: hoursSchema,
  slaPolicy: policySchema,
  language: z.string(),
  signature: z.optional(z.string()),
  templates: z.optional(z.string()),
});
