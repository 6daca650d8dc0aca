import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Each agent's password for the local SMTP port: derived from the stack's own login key and the
 * agent's address, so nothing per agent is stored, an agent added with `support agents add` has
 * one at once, and one agent's password does not log in as another.
 */

/** 16 base64url characters: 96 bits, more than any guess over a loopback port could use up. */
const AGENT_PASSWORD_CHARS = 16;
/** The login key: 256 bits, as the reply-token key. */
const LOGIN_KEY_BYTES = 32;

/** A fresh login key for a new data folder (kept in secrets.json with the reply-token key). */
export function newAgentLoginKey(): string {
  return randomBytes(LOGIN_KEY_BYTES).toString('base64url');
}

/** The local SMTP password of the agent at `email` (case does not matter). */
export function agentPassword(loginKey: string, email: string): string {
  return createHmac('sha256', loginKey)
    .update(`local-smtp-login:${email.trim().toLowerCase()}`)
    .digest('base64url')
    .slice(0, AGENT_PASSWORD_CHARS);
}

/** Whether `password` is the local SMTP password of `email`, compared in constant time. */
export function isAgentPassword(loginKey: string, email: string, password: string): boolean {
  const expected = Buffer.from(agentPassword(loginKey, email));
  const given = Buffer.from(password);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
