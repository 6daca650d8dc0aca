import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed reply tokens, carried in the Reply-To local part (`support+<token>@domain`): the one
 * threading key that survives clients dropping References and people editing subjects.
 *
 * `<case number>-<kind><issued day>-<mac>`, lower case (mail systems may fold local parts):
 * - kind `c`: for a customer-side recipient; the MAC covers that address, so the token only works
 *   for mail from the person it was sent to;
 * - kind `a`: for agents; the MAC covers no address (notifications go to a team list), and the
 *   sender must separately be an authenticated agent;
 * - kind `e`: for engineering, on a `#bug` report; the MAC covers no address (engineers reply from
 *   their own addresses), and the sender must separately be authenticated mail from the
 *   engineering address's domain.
 */
export type ReplyTokenKind = 'customer' | 'agent' | 'engineering';

/** A customer's reply address stays valid for long-running conversations. */
export const CUSTOMER_TOKEN_MAX_AGE_DAYS = 365;
/** Agents work a case within weeks; an old notification should not steer a case. */
export const AGENT_TOKEN_MAX_AGE_DAYS = 90;
/** A bug can wait on engineering for months; the fix's reply must still find its case. */
export const ENGINEERING_TOKEN_MAX_AGE_DAYS = 365;
/** 80 bits of HMAC-SHA256: far beyond guessing at mail speed, short enough for a local part. */
const MAC_CHARS = 16;
const DAY_MS = 86_400_000;
const KIND_CODE = { customer: 'c', agent: 'a', engineering: 'e' } as const;
const KIND_OF_CODE = { c: 'customer', a: 'agent', e: 'engineering' } as const;
const MAX_AGE_DAYS = {
  customer: CUSTOMER_TOKEN_MAX_AGE_DAYS,
  agent: AGENT_TOKEN_MAX_AGE_DAYS,
  engineering: ENGINEERING_TOKEN_MAX_AGE_DAYS,
} as const;
const TOKEN = /^(\d{1,12})-([cae])([0-9a-z]{1,6})-([a-z2-7]{16})$/;

export interface TokenClaims {
  readonly caseNumber: number;
  readonly kind: ReplyTokenKind;
}

export type TokenCheck =
  | ({ readonly valid: true } & TokenClaims)
  | { readonly valid: false; readonly reason: 'malformed' | 'bad-signature' | 'expired'; readonly caseNumber?: number };

export function createReplyToken(secret: string, claims: TokenClaims & { recipient?: string; now: Date }): string {
  const day = Math.floor(claims.now.getTime() / DAY_MS).toString(36);
  const kind = KIND_CODE[claims.kind];
  return `${claims.caseNumber}-${kind}${day}-${mac(secret, claims.caseNumber, kind, day, claims.kind === 'customer' ? claims.recipient : undefined)}`;
}

/** Checks a token for mail from `sender`. Every failure looks alike to the sender: a new case. */
export function verifyReplyToken(secret: string, token: string, sender: string | undefined, now: Date): TokenCheck {
  const match = TOKEN.exec(token.toLowerCase());
  if (match === null) return { valid: false, reason: 'malformed' };
  const [, number, kindCode, day, given] = match as unknown as [string, string, 'c' | 'a' | 'e', string, string];
  const caseNumber = Number(number);
  const kind: ReplyTokenKind = KIND_OF_CODE[kindCode];
  if (kind === 'customer' && sender === undefined) return { valid: false, reason: 'bad-signature', caseNumber };
  const expected = mac(secret, caseNumber, kindCode, day, kind === 'customer' ? sender : undefined);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(given)))
    return { valid: false, reason: 'bad-signature', caseNumber };
  const ageDays = Math.floor(now.getTime() / DAY_MS) - parseInt(day, 36);
  const maxAge = MAX_AGE_DAYS[kind];
  if (ageDays < 0 || ageDays > maxAge) return { valid: false, reason: 'expired', caseNumber };
  return { valid: true, caseNumber, kind };
}

/** `support+<token>@domain` for a token. */
export function replyAddress(supportAddress: string, token: string): string {
  const [local, domain] = supportAddress.split('@') as [string, string];
  return `${local}+${token}@${domain}`;
}

/** The token in a recipient like `support+<token>@domain`, if it is one of ours. */
export function tokenInRecipient(recipient: string, supportAddress: string): string | undefined {
  // Plain string checks, not a pattern built per call: this runs for every recipient of every mail, once per queue.
  const [local, domain] = supportAddress.toLowerCase().split('@') as [string, string];
  const address = recipient.toLowerCase();
  const head = `${local}+`;
  const tail = `@${domain}`;
  if (!address.startsWith(head) || !address.endsWith(tail)) return undefined;
  const token = address.slice(head.length, address.length - tail.length);
  return token === '' || token.includes('@') ? undefined : token;
}

function mac(secret: string, caseNumber: number, kind: string, day: string, recipient: string | undefined): string {
  const digest = createHmac('sha256', secret)
    .update(`v1|${kind}|${caseNumber}|${day}|${recipient?.toLowerCase() ?? ''}`)
    .digest();
  return base32(digest).slice(0, MAC_CHARS);
}

function base32(bytes: Buffer): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Reply-To addresses for a case, as the planners need them. */
export interface ReplyAddresses {
  forCustomer(caseNumber: number, recipient: string): string;
  forAgents(caseNumber: number): string;
  /**
   * For engineering's replies to a `#bug` report. Optional so a planner that drafts no bug report
   * needs none; without it a bug report carries the agents' address.
   */
  forEngineering?(caseNumber: number): string;
}

export function replyAddresses(secret: string, supportAddress: string, now: Date): ReplyAddresses {
  return {
    forCustomer: (caseNumber, recipient) =>
      replyAddress(supportAddress, createReplyToken(secret, { caseNumber, kind: 'customer', recipient, now })),
    forAgents: (caseNumber) =>
      replyAddress(supportAddress, createReplyToken(secret, { caseNumber, kind: 'agent', now })),
    forEngineering: (caseNumber) =>
      replyAddress(supportAddress, createReplyToken(secret, { caseNumber, kind: 'engineering', now })),
  };
}
