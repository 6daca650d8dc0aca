import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { newAgentLoginKey } from './agent-passwords.ts';

/** What `<data dir>/secrets.json` holds; older files had one shared `agentPassword` instead of the login key. */
const secretsSchema = z.object({ replyTokenSecret: z.string().min(32), agentLoginKey: z.string().min(32).optional() });

export interface LocalSecrets {
  /** The reply-token key (Secrets Manager's job on AWS). */
  readonly replyTokenSecret: string;
  /** The key each agent's local SMTP password is derived from (agent-passwords.ts). */
  readonly agentLoginKey: string;
}

/**
 * Secrets the local stack generates once and keeps with its state (readable by its owner only), or
 * in memory. A file from before per-agent passwords keeps its reply-token key (so reply addresses
 * already sent still work) and gains a login key.
 */
export async function localSecrets(stateDir: string | undefined): Promise<LocalSecrets> {
  const fresh = () => ({ replyTokenSecret: randomBytes(32).toString('base64url'), agentLoginKey: newAgentLoginKey() });
  if (stateDir === undefined) return fresh();
  const file = join(stateDir, 'secrets.json');
  const stored = secretsSchema.safeParse(
    await readFile(file, 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => undefined,
    ),
  );
  if (stored.success && stored.data.agentLoginKey !== undefined)
    return { replyTokenSecret: stored.data.replyTokenSecret, agentLoginKey: stored.data.agentLoginKey };
  const secrets = stored.success
    ? { replyTokenSecret: stored.data.replyTokenSecret, agentLoginKey: newAgentLoginKey() }
    : fresh();
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
