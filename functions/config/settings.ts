import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { Team } from '../core/agents.ts';
import type { BusinessHours } from '../core/business-hours.ts';
import type { LifecyclePolicy } from '../core/case-lifecycle.ts';
import { DEFAULT_FILE_POLICY, type FilePolicy } from '../core/case-files.ts';
import type { FloodLimits } from '../core/flood-guard.ts';
import type { SlaPolicy } from '../core/sla-clock.ts';
import { MissingSettingError, readEnv } from './env.ts';
import { teamSchema } from './team-schema.ts';
import * as z from './zod-mini.ts';

/** The team, from the TEAM variable (JSON written from the validated deployment config). */
export function readTeam(env: NodeJS.ProcessEnv = process.env): Team {
  return parseJsonSetting('TEAM', teamSchema, env);
}

/** BusinessHours as the functions read it (BUSINESS_HOURS, and a queue's own in QUEUES). */
export const hoursSchema = z.object({
  timeZone: z.string(),
  weekly: z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), z.array(z.string())),
  holidays: z.array(z.string()),
});
const positiveNumber = z.number().check(z.positive());
const targetHours = z.object({
  firstResponse: positiveNumber,
  nextResponse: positiveNumber,
  resolution: positiveNumber,
});
/** SlaPolicy as the functions read it (SLA_POLICY, and a queue's own in QUEUES). */
export const policySchema = z.object({
  byPriority: z.object({ low: targetHours, normal: targetHours, high: targetHours, urgent: targetHours }),
  warnAt: z.number().check(z.positive(), z.maximum(1)),
  reEscalateAt: z.number().check(z.minimum(1)),
});

/** The business calendar, from BUSINESS_HOURS (JSON written from the validated deployment config). */
export function readBusinessHours(env: NodeJS.ProcessEnv = process.env): BusinessHours {
  return parseJsonSetting('BUSINESS_HOURS', hoursSchema, env);
}

/** Response-time targets per priority, from SLA_POLICY (JSON written from the validated deployment config). */
export function readSlaPolicy(env: NodeJS.ProcessEnv = process.env): SlaPolicy {
  return parseJsonSetting('SLA_POLICY', policySchema, env);
}

const wholeDays = z.number().check(z.int(), z.minimum(0));
const lifecycleSchema = z.object({
  reopenWithinDays: wholeDays,
  surveyLinkDays: z.number().check(z.int(), z.positive()),
  nudgeAfterBusinessDays: wholeDays,
  autoSolveAfterBusinessDays: wholeDays,
  businessDayMinutes: z.optional(positiveNumber),
  solvedCaseRetentionDays: z.optional(z.number().check(z.int(), z.positive())),
  followUpOn: z.optional(z.array(z.enum(['okay', 'not-good']))),
  followUpResponseHours: z.optional(positiveNumber),
  thankAgentOnGreat: z.optional(z.boolean()),
});

/** Reopening, survey links and pending follow-ups, from LIFECYCLE_POLICY (JSON written from the validated deployment config). */
export function readLifecyclePolicy(env: NodeJS.ProcessEnv = process.env): LifecyclePolicy {
  return parseJsonSetting('LIFECYCLE_POLICY', lifecycleSchema, env);
}

const wholePositive = z.number().check(z.int(), z.positive());
const floodLimitsSchema = z.object({
  newCasesPerSenderPerHour: wholePositive,
  newCasesPerDomainPerHour: wholePositive,
  unboundedDomains: z.array(z.string()),
});

/** Bounds on new cases per sender and per domain an hour, from FLOOD_LIMITS (JSON written from the validated deployment config). */
export function readFloodLimits(env: NodeJS.ProcessEnv = process.env): FloodLimits {
  return parseJsonSetting('FLOOD_LIMITS', floodLimitsSchema, env);
}

const filePolicySchema = z.object({
  attachBytesPerNotification: z.number().check(z.int(), z.minimum(0)),
  linkDays: z.number().check(z.int(), z.positive()),
});

/**
 * Files in notifications and their download links, from FILE_POLICY (JSON written from the validated
 * deployment config); the default policy when a function is given none (one built before files travelled).
 */
export function readFilePolicy(env: NodeJS.ProcessEnv = process.env): FilePolicy {
  return env.FILE_POLICY === undefined ? DEFAULT_FILE_POLICY : parseJsonSetting('FILE_POLICY', filePolicySchema, env);
}

function parseJsonSetting<T>(name: string, schema: z.ZodMiniType<T>, env: NodeJS.ProcessEnv): T {
  return parseSetting(name, readEnv(name, env), schema);
}

/** The JSON `text` of the variable `name`, checked against `schema`; else an error that names the variable and why. */
export function parseSetting<T>(name: string, text: string, schema: z.ZodMiniType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MissingSettingError(`Environment variable ${name} is not JSON: ${String(error)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new MissingSettingError(`Environment variable ${name} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** Shortest secret accepted for reply tokens: a 256-bit HMAC key wants at least 32 bytes of entropy. */
const MIN_SECRET_CHARS = 32;

/**
 * The reply-token secret: on AWS from Secrets Manager (REPLY_TOKEN_SECRET_ARN, cached by
 * Powertools), locally from REPLY_TOKEN_SECRET, which `npm start` generates and keeps.
 */
export async function readReplyTokenSecret(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const secret = env.REPLY_TOKEN_SECRET ?? (await getSecret(readEnv('REPLY_TOKEN_SECRET_ARN', env), { maxAge: 3600 }));
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS) {
    throw new MissingSettingError(`The reply-token secret must be a string of at least ${MIN_SECRET_CHARS} characters`);
  }
  return secret;
}
