import { domainToASCII } from 'node:url';

/**
 * Which addresses Amazon SES will take. SES refuses a whole SendEmail call when one address in it
 * is malformed ("InvalidParameterValue: Domain ends with dot", "Local address contains control or
 * whitespace", "Missing final '@domain'"), so one bad Cc would cost everyone else the answer. SES
 * does not support SMTPUTF8: an address must be 7-bit ASCII, a Unicode domain must be sent as
 * Punycode, and Punycode is not allowed in the local part (SES Destination reference).
 */

/** RFC 5321 §4.5.3.1.1: the longest local part a server must accept. */
const MAX_LOCAL_PART_CHARS = 64;
/** RFC 5321 §4.5.3.1.2: the longest domain a server must accept. */
const MAX_DOMAIN_CHARS = 255;
/** RFC 1035 §2.3.4: the longest label of a domain name. */
const MAX_LABEL_CHARS = 63;

/** RFC 5322 atext: what an unquoted local part may hold between its dots. */
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
/** A host name label (RFC 1123): letters, digits, inner hyphens. */
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * Why SES would refuse `address`, in plain words; undefined when it would take it. Stricter than
 * SES in two places, on purpose: a quoted local part and a domain literal (`ana@[192.0.2.1]`) are
 * refused, since SES's handling of them is not documented and no customer writes from one.
 */
export function addressProblem(address: string): string | undefined {
  if (!/^[\x21-\x7e]+$/.test(address))
    return /[^\x00-\x7f]/.test(address) ? 'it is not 7-bit ASCII' : 'it contains a space or control character';
  const at = address.lastIndexOf('@');
  if (at === -1) return 'it has no @domain';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local === '') return 'it has no local part before the @';
  if (local.length > MAX_LOCAL_PART_CHARS) return `its local part is longer than ${MAX_LOCAL_PART_CHARS} characters`;
  if (!local.split('.').every((atom) => ATOM.test(atom)))
    return 'its local part is not a plain dot-separated name (a stray dot, quote or @)';
  if (domain === '') return 'it has no domain';
  if (domain.length > MAX_DOMAIN_CHARS) return `its domain is longer than ${MAX_DOMAIN_CHARS} characters`;
  if (domain.endsWith('.')) return 'its domain ends with a dot';
  const labels = domain.split('.');
  if (labels.some((label) => label === '')) return 'its domain has an empty part (a leading dot or two dots in a row)';
  if (!labels.every((label) => label.length <= MAX_LABEL_CHARS && LABEL.test(label)))
    return 'its domain holds a character or part a host name cannot have';
  return undefined;
}

/**
 * An address as a mail client would read it: no `mailto:`, no stray quotes or angle brackets, lower
 * case, no trailing dot on the domain (`ana@customer.test.` is the fully qualified form of
 * `ana@customer.test`), and a Unicode domain in Punycode, as SES needs it. It may still be malformed:
 * `addressProblem` says so.
 */
export function normaliseAddress(address: string): string {
  const bare = address
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^[<'"\s]+|[>'"\s]+$/g, '')
    .toLowerCase();
  const at = bare.lastIndexOf('@');
  if (at === -1) return bare;
  const domain = bare.slice(at + 1).replace(/\.+$/, '');
  // domainToASCII gives '' for what it cannot convert; such a domain is left for addressProblem to name.
  const ascii = /[^\x00-\x7f]/.test(domain) ? domainToASCII(domain) || domain : domain;
  return `${bare.slice(0, at)}@${ascii}`;
}

/**
 * Splits addresses into those SES takes, normalised (`Ana@Customer.Test.` is sent to as
 * `ana@customer.test`), and those it would refuse even so (address as given → why).
 */
export function splitSendable(addresses: readonly string[]): { sendable: string[]; refused: Record<string, string> } {
  const sendable = new Set<string>();
  const refused: Record<string, string> = {};
  for (const address of addresses) {
    const checked = checkSendable(address);
    if ('address' in checked) sendable.add(checked.address);
    else refused[address] = checked.problem;
  }
  return { sendable: [...sendable], refused };
}

/** An address as SES will take it (mended where a mail client would), or why SES would refuse it. */
export function checkSendable(address: string): { readonly address: string } | { readonly problem: string } {
  const normal = normaliseAddress(address);
  const problem = addressProblem(normal);
  return problem === undefined ? { address: normal } : { problem };
}

/** The line an intake keeps for a draft that left out addresses SES would refuse. */
export function refusedNote(name: string, refused: Readonly<Record<string, string>>, sentToOthers: boolean): string {
  const whom = Object.entries(refused)
    .map(([address, why]) => `${address}: ${why}`)
    .join(', ');
  return sentToOthers
    ? `${name} not sent to addresses SES would refuse (${whom})`
    : `${name} not sent: SES would refuse every address it was for (${whom})`;
}
