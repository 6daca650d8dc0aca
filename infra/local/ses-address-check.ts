/**
 * The address check the local SES applies, written after the errors real SES returns for a
 * malformed address (InvalidParameterValue: "Missing final '@domain'", "Local address contains
 * control or whitespace", "Domain contains dot-dot", "Domain ends with dot" ...). Real SES refuses
 * the whole send for one such address, in Destination or in the message's headers; so does this,
 * so a test shows what one bad Cc would do on AWS. It is deliberately its own code, not the
 * pipeline's `addressProblem`: a test that checked our filter against itself would prove nothing.
 */

/** Characters SES (like RFC 5322) will not take unquoted in a local part. */
const LOCAL_SPECIALS = '()<>,;:\\"[]@';

/** Why SES would refuse `address`, in its words; undefined when it would take it. */
export function sesAddressError(address: string): string | undefined {
  // SES does not support SMTPUTF8: addresses must be 7-bit ASCII.
  if (/[^\x00-\x7f]/.test(address)) return 'Local address contains control or whitespace';
  let inQuote = false;
  let at = -1;
  for (let i = 0; i < address.length; i++) {
    const c = address.charAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') {
      if (i !== 0 && !inQuote) return 'Quote not at start of local address';
      if (inQuote && address.charAt(i + 1) !== '@') return 'Quote not at end of local address';
      inQuote = !inQuote;
      continue;
    }
    if (inQuote) continue;
    if (c === '@') {
      if (i === 0) return 'Missing local name';
      at = i;
      break;
    }
    if (c <= ' ' || c >= '\x7f') return 'Local address contains control or whitespace';
    if (LOCAL_SPECIALS.includes(c)) return 'Local address contains illegal character';
  }
  if (inQuote) return 'Unterminated quote';
  if (at === -1) return "Missing final '@domain'";
  const domain = address.slice(at + 1);
  if (domain === '') return 'Missing domain';
  if (domain.startsWith('.')) return 'Domain starts with dot';
  if (domain.startsWith('[')) return undefined;
  if (/[\x00-\x20\x7f]/.test(domain)) return 'Domain contains control or whitespace';
  if (/[^A-Za-z0-9.-]/.test(domain)) return 'Domain contains illegal character';
  if (domain.includes('..')) return 'Domain contains dot-dot';
  if (domain.endsWith('.')) return 'Domain ends with dot';
  return undefined;
}

/**
 * Why SES would refuse to send from `from` when only `verifiedDomains` are verified identities, in
 * its words (MessageRejected: "Email address is not verified. The following identities failed the
 * check in region EU-WEST-1: ..."); undefined when the address is on one of them. So a message of a
 * queue whose domain the deployment does not verify fails locally as it would on AWS.
 */
export function sesIdentityError(from: string, verifiedDomains: readonly string[], region: string): string | undefined {
  const domain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  if (verifiedDomains.some((verified) => verified.toLowerCase() === domain)) return undefined;
  return `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${from}`;
}
