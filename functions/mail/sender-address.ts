import type { HeaderValue, Headers } from 'mailparser';
import { addressProblem, normaliseAddress } from '../core/address-syntax.ts';
import type { SenderSource } from '../core/sender-source.ts';
import type { MailAddress } from '../core/support-case.ts';

/**
 * Reads who sent a message the way a mail client would, from headers that are often malformed:
 * `ana@customer.test.` (a fully qualified domain), `Ana Lopez ana@x.test` (no brackets),
 * `"junk" "more" <ana@x.test>` (quoted words before the address), `"Ana <ana@x.test>"` (the whole
 * mailbox quoted). mailparser (nodemailer's addressparser) does the parsing; this keeps only
 * addresses we could answer, mending what a client would mend.
 */

/** A sender and the header it came from. */
export interface FoundSender {
  readonly address: MailAddress;
  readonly source: SenderSource;
}

/** The headers a reply goes to, in the order a mail client looks at them (RFC 5322 §3.6.2). */
const SENDER_HEADERS = ['from', 'sender', 'reply-to'] as const satisfies readonly SenderSource[];

/** An address somewhere in free text, for mailboxes the parser split in the wrong place. */
const ADDRESS_IN_TEXT = /[^\s<>"'(),;:[\]@]+@[^\s<>"'(),;:[\]@]+/;

/** The first answerable mailbox of From, else of Sender, else of Reply-To. */
export function readSender(headers: Headers): FoundSender | undefined {
  for (const source of SENDER_HEADERS) {
    const address = source === 'from' ? readFirstMailbox(headers.get(source)) : readMailboxes(headers.get(source))[0];
    if (address !== undefined) return { address, source };
  }
  return undefined;
}

/**
 * The first mailbox of From, if we can answer it; never a later one. DMARC judges one From domain
 * (a receiver may take the first), so `From: (unanswerable)@attacker.test, agent@our-team` must
 * not be read as the agent: it falls through to Sender, which DMARC does not prove.
 */
function readFirstMailbox(value: HeaderValue | undefined): MailAddress | undefined {
  let first: Entry | undefined;
  for (const object of Array.isArray(value) ? value : [value]) {
    if (isAddressObject(object)) {
      first = object.value[0];
      break;
    }
  }
  const entry = first?.group === undefined ? first : first.group[0];
  return entry === undefined ? undefined : readMailbox(entry);
}

/** The envelope sender as a stand-in when no header names one; undefined for a null sender (`<>`). */
export function withEnvelopeSender(found: FoundSender | undefined, envelopeSender: string): FoundSender | undefined {
  if (found !== undefined) return found;
  const address = normaliseAddress(envelopeSender);
  return address === '' || addressProblem(address) !== undefined
    ? undefined
    : { address: { address }, source: 'envelope' };
}

/** Every mailbox of an address header that we could answer, normalised, groups opened. */
export function readMailboxes(value: HeaderValue | undefined): MailAddress[] {
  const result: MailAddress[] = [];
  const visit = (entries: readonly Entry[]): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else {
        const mailbox = readMailbox(entry);
        if (mailbox !== undefined) result.push(mailbox);
      }
    }
  };
  // A header given twice (two From lines) comes back as a list.
  for (const object of Array.isArray(value) ? value : [value]) if (isAddressObject(object)) visit(object.value);
  return result;
}

interface Entry {
  readonly address?: string | undefined;
  readonly name: string;
  readonly group?: readonly Entry[] | undefined;
}

/** One parsed mailbox, mended: its address as written, else one found in its name or the pieces around it. */
function readMailbox(entry: Entry): MailAddress | undefined {
  const name = cleanName(entry.name);
  const address = normaliseAddress(entry.address ?? '');
  if (addressProblem(address) === undefined) return name === '' ? { address } : { address, name };
  // `"Ana Lopez <ana@x.test>"` comes back as the address `"Ana Lopez <ana"@x.test>`: read the pieces as text.
  const text = `${entry.name} ${entry.address ?? ''}`.replace(/["']/g, '');
  const match = ADDRESS_IN_TEXT.exec(text);
  if (match === null) return undefined;
  const found = normaliseAddress(match[0]);
  if (addressProblem(found) !== undefined || !onWrittenDomain(found, address)) return undefined;
  const before = cleanName(text.slice(0, match.index));
  return before === '' ? { address: found } : { address: found, name: before };
}

/**
 * A mended address must be on the domain the mailbox was written with, when it names one: DMARC
 * proves that domain, so `"ana@customer.test" <(70 letters)@attacker.test>` passes as attacker.test
 * and must not be read as Ana.
 */
function onWrittenDomain(found: string, written: string): boolean {
  const at = written.lastIndexOf('@');
  if (at === -1) return true;
  const domain = written.slice(at + 1).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return domain === '' || found.endsWith(`@${domain}`);
}

/** A display name without the brackets and quotes a broken header leaves in it. */
function cleanName(name: string): string {
  return name
    .replace(/\[\s*\]|\(\s*\)|[<>"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function isAddressObject(value: unknown): value is { value: Entry[] } & HeaderValue {
  return typeof value === 'object' && value !== null && 'value' in value && Array.isArray(value.value);
}
