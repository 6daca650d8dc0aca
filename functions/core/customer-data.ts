/**
 * A customer's data on request: which stored records name an address, which objects a case's
 * messages point to, and what an erasure keeps (a hash of the address, never the address).
 */
import { createHash } from 'node:crypto';

/** The address as every store keeps it: trimmed and lower-case. */
export function customerAddress(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * The SHA-256 of the lower-case address, hex: what an erasure keeps in place of the address (the
 * audit record, a suppression that must go on being honoured), so the same address is recognised
 * again without being stored.
 */
export function addressHash(address: string): string {
  return createHash('sha256').update(customerAddress(address)).digest('hex');
}

/** Characters that may stand right before an address's local part, or right after its domain, inside a longer address. */
const LOCAL_PART_CHAR = /[a-z0-9._%+-]/;
const DOMAIN_CHAR = /[a-z0-9-]/;

/**
 * Whether a stored record names the address anywhere (a field, a list, a draft's recipient, a
 * quoted snippet), as a whole address: `ana@customer.test` is not named by `diana@customer.test`
 * or `ana@customer.test.example`.
 */
export function namesAddress(record: unknown, address: string): boolean {
  const wanted = customerAddress(address);
  const text = JSON.stringify(record)?.toLowerCase() ?? '';
  for (let at = text.indexOf(wanted); at !== -1; at = text.indexOf(wanted, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.slice(at + wanted.length, at + wanted.length + 2);
    const longerLocalPart = before !== '' && LOCAL_PART_CHAR.test(before);
    const longerDomain =
      DOMAIN_CHAR.test(after.charAt(0)) || (after.charAt(0) === '.' && DOMAIN_CHAR.test(after.charAt(1)));
    if (!longerLocalPart && !longerDomain) return true;
  }
  return false;
}

/**
 * The S3 keys a stored message or intake record points to: the raw mail, the decoded bodies and
 * every attachment. Read field by field, so a record of an older shape gives what it has.
 */
export function objectKeysOf(record: Readonly<Record<string, unknown>>): string[] {
  const attachments = Array.isArray(record.attachments) ? record.attachments : [];
  return [
    record.rawKey,
    record.textKey,
    record.htmlKey,
    ...attachments.map((a: unknown) => (typeof a === 'object' && a !== null && 'key' in a ? a.key : undefined)),
  ].filter((key): key is string => typeof key === 'string' && key !== '');
}

/** What an erasure removed, by kind: the audit record keeps these counts and nothing that names the customer. */
export interface ErasureCounts {
  readonly cases: number;
  readonly messages: number;
  readonly ratings: number;
  /** Every other item: Message-ID lookups, intake records, counters, survey guards. */
  readonly otherItems: number;
  readonly objects: number;
  /** The address was on the suppression list and stays on it, as its hash. */
  readonly suppressionKept: boolean;
}

/** The audit record of one erasure: who ran it, when, for which address (as its hash), and what it removed. */
export interface ErasureAudit extends ErasureCounts {
  readonly addressHash: string;
  readonly erasedAt: string;
  /** Who ran it, as they gave it (`--by`), else their login name. */
  readonly erasedBy: string;
}

/** How many of each kind the items are, by their `type` attribute. */
export function countItems(
  items: readonly { readonly type?: unknown }[],
): Pick<ErasureCounts, 'cases' | 'messages' | 'ratings' | 'otherItems'> {
  const of = (...types: string[]) => items.filter((i) => types.includes(String(i.type))).length;
  const cases = of('case');
  const messages = of('message');
  const ratings = of('rating', 'ratingEvent');
  return { cases, messages, ratings, otherItems: items.length - cases - messages - ratings };
}

/** Seconds in a day, for TTL arithmetic (DynamoDB TTL reads epoch seconds). */
const DAY_S = 86_400;

/**
 * When DynamoDB may delete a solved case under a retention of `solvedCaseDays` (epoch seconds),
 * or undefined: the case is not solved (a reopen clears it), or retention is off.
 */
export function caseExpiresAt(
  supportCase: { readonly status: string; readonly solvedAt?: string },
  solvedCaseDays: number | undefined,
): number | undefined {
  if (solvedCaseDays === undefined || supportCase.status !== 'solved' || supportCase.solvedAt === undefined)
    return undefined;
  return Math.floor(Date.parse(supportCase.solvedAt) / 1000) + solvedCaseDays * DAY_S;
}
