import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { z } from 'zod';
import type { Team } from '../core/agents.ts';
import { MissingSettingError, readEnv } from './env.ts';

const teamSchema = z.object({
  agents: z.array(z.object({ name: z.string(), email: z.string(), agentId: z.string(), role: z.enum(['agent', 'supervisor']) })).min(1),
  teamAddress: z.string(),
  engineeringAddress: z.string(),
});

/** The team, from the TEAM variable (JSON written from the validated deployment config). */
export function readTeam(env: NodeJS.ProcessEnv = process.env): Team {
  const parsed = teamSchema.safeParse(JSON.parse(readEnv('TEAM', env)));
  if (!parsed.success) throw new MissingSettingError(`Environment variable TEAM is not a valid team: ${parsed.error.message}`);
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
