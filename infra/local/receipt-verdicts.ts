import { authenticate, type DNSResolver } from 'mailauth';
import addressparser from 'nodemailer/lib/addressparser';
import type { ReceiptVerdicts } from '../../functions/core/intake-decision.ts';
import { headerValue, readHeaderBlock } from './raw-headers.ts';
import { verdictStatusOf } from './verdict-status.ts';

/**
 * The local ingress's stand-in for SES's spam and virus scanners: the industry test strings. A
 * message carrying one is judged exactly as SES would judge real spam or malware.
 */
const GTUBE = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** DNS records the local resolver serves, by name then record type (`TXT` values are chunk lists). */
export type LocalZone = Readonly<Record<string, Readonly<Record<string, string[][] | string[]>>>>;

/** A resolver that answers from a local zone only: the local stack never asks the internet. */
export function localResolver(zone: LocalZone): DNSResolver {
  return async (name, rrtype) => {
    const records = zone[name.toLowerCase().replace(/\.$/, '')]?.[rrtype.toUpperCase()];
    if (records === undefined) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return records;
  };
}

export interface LocalVerdicts {
  readonly verdicts: ReceiptVerdicts;
  /** `Authentication-Results` value as SES writes it (authserv-id amazonses.com). */
  readonly authenticationResults: string;
}

/** Computes what SES would put in the receipt: SPF, DKIM and DMARC with mailauth, spam and virus. */
export async function computeLocalVerdicts(
  raw: Buffer,
  transmission: { ip: string; helo: string; sender: string },
  resolver: DNSResolver,
  authenticatedAs?: string,
): Promise<LocalVerdicts> {
  const result = await authenticate(raw, {
    ip: transmission.ip,
    helo: transmission.helo,
    sender: transmission.sender,
    mta: 'amazonses.com',
    resolver,
    disableArc: true,
    disableBimi: true,
  });
  const fromHeader = headerValue(readHeaderBlock(raw), 'from');
  const fromAddress =
    fromHeader === undefined ? undefined : addressparser(fromHeader, { flatten: true })[0]?.address?.toLowerCase();
  // A logged-in session sending as itself is what a verified sender is: treat it as aligned mail.
  const verified = authenticatedAs !== undefined && fromAddress !== undefined && authenticatedAs === fromAddress;
  const spf = verified ? 'PASS' : result.spf === false ? 'GRAY' : verdictStatusOf(result.spf.status.result);
  const dkimResults = result.dkim.results.map((r) => verdictStatusOf(r.status.result));
  const dkim =
    verified || dkimResults.includes('PASS')
      ? 'PASS'
      : dkimResults.includes('FAIL')
        ? 'FAIL'
        : (dkimResults[0] ?? 'GRAY');
  const dmarc = verified ? 'PASS' : result.dmarc === false ? 'GRAY' : verdictStatusOf(result.dmarc.status.result);
  const text = raw.toString('latin1');
  return {
    verdicts: {
      spf,
      dkim,
      dmarc,
      spam: text.includes(GTUBE) ? 'FAIL' : 'PASS',
      virus: text.includes(EICAR) ? 'FAIL' : 'PASS',
    },
    authenticationResults: `amazonses.com; spf=${spf.toLowerCase()} smtp.mailfrom=${transmission.sender || '<>'}; dkim=${dkim.toLowerCase()}; dmarc=${dmarc.toLowerCase()}`,
  };
}
