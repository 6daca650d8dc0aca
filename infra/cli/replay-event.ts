import type { SESEvent } from 'aws-lambda';
import addressparser from 'nodemailer/lib/addressparser';
import type { ReceiptVerdicts, VerdictStatus } from '../../functions/core/intake-decision.ts';
import { RAW_MAIL } from '../../functions/config/resources.ts';
import { buildReceiptEvent } from '../local/receipt-event.ts';
import { readHeaderBlock } from '../local/raw-headers.ts';
import { verdictStatusOf } from '../local/verdict-status.ts';

/** SES message ids, as the receipt event schema accepts them (and S3 keys under `inbound/` are named). */
const SES_MESSAGE_ID = /^[A-Za-z0-9._-]{1,128}$/;
/** The receiving server SES (and the local ingress, which writes what SES writes) names in its trace header. */
const OUR_RECEIVED = /\bby inbound-smtp\.[a-z0-9-]+\.amazonaws\.com\b/i;

/** What a stored message tells about its receipt, read from the headers SES prepended when it took it in. */
export interface RecordedReceipt {
  readonly envelopeSender: string;
  readonly recipients: readonly string[];
  readonly verdicts: ReceiptVerdicts;
  readonly receivedAt: Date;
  /** Checks the message carries no verdict for (replayed as GRAY: not proven either way). */
  readonly unproven: readonly (keyof ReceiptVerdicts)[];
}

/** The SES message id of a raw key: `inbound/<id>` or just `<id>`; undefined when it is not one. */
export function sesMessageIdOfKey(key: string): string | undefined {
  const id = key.startsWith(RAW_MAIL.inboundPrefix) ? key.slice(RAW_MAIL.inboundPrefix.length) : key;
  return SES_MESSAGE_ID.test(id) ? id : undefined;
}

/**
 * The receipt as SES recorded it in the stored message. SES's S3 action (and the local ingress)
 * prepend their headers above the sender's own: Return-Path, a Received line "by inbound-smtp.…
 * for <recipients>", X-SES-Spam-Verdict, X-SES-Virus-Verdict and Authentication-Results
 * "amazonses.com; spf=…; dkim=…; dmarc=…". Only headers above the sender's first own trace line
 * are read, so a sender cannot supply verdicts. Recomputing SPF/DKIM/DMARC later could not work:
 * SPF needs the connecting IP, DKIM keys rotate, and locally an agent is proven by their SMTP
 * login, which the message does not record.
 */
export function readRecordedReceipt(
  raw: Buffer,
  domains: readonly string[],
  fallbackReceivedAt: Date,
): RecordedReceipt {
  const { headers } = readHeaderBlock(raw);
  const ours: Array<readonly [string, string]> = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'received' && !OUR_RECEIVED.test(value)) break;
    ours.push([lower, value]);
  }
  const first = (name: string) => ours.find(([n]) => n === name)?.[1];
  const received = first('received');
  const results = ours.find(([n, v]) => n === 'authentication-results' && /^\s*amazonses\.com\s*;/i.test(v))?.[1];
  const verdict = (value: string | undefined): VerdictStatus | undefined =>
    value === undefined ? undefined : verdictStatusOf(value);
  const found = {
    spam: verdict(first('x-ses-spam-verdict')),
    virus: verdict(first('x-ses-virus-verdict')),
    spf: verdict(results === undefined ? undefined : /\bspf=([a-z_]+)/i.exec(results)?.[1]),
    dkim: verdict(results === undefined ? undefined : /\bdkim=([a-z_]+)/i.exec(results)?.[1]),
    dmarc: verdict(results === undefined ? undefined : /\bdmarc=([a-z_]+)/i.exec(results)?.[1]),
  };
  const unproven = (Object.keys(found) as (keyof ReceiptVerdicts)[]).filter((k) => found[k] === undefined);
  const receivedDate =
    received === undefined ? Number.NaN : Date.parse(received.slice(received.lastIndexOf(';') + 1).trim());
  return {
    envelopeSender: /<([^>]*)>/.exec(first('return-path') ?? '')?.[1] ?? '',
    recipients: recipientsOf(received, headers, domains),
    verdicts: {
      spam: found.spam ?? 'GRAY',
      virus: found.virus ?? 'GRAY',
      spf: found.spf ?? 'GRAY',
      dkim: found.dkim ?? 'GRAY',
      dmarc: found.dmarc ?? 'GRAY',
    },
    receivedAt: Number.isNaN(receivedDate) ? fallbackReceivedAt : new Date(receivedDate),
    unproven,
  };
}

/** The receipt event for a stored message, built by the code the local ingress uses to invoke the function. */
export function replayEvent(raw: Buffer, sesMessageId: string, receipt: RecordedReceipt, region: string): SESEvent {
  return buildReceiptEvent(raw, {
    sesMessageId,
    envelopeSender: receipt.envelopeSender,
    recipients: receipt.recipients,
    verdicts: receipt.verdicts,
    receivedAt: receipt.receivedAt,
    region,
    functionName: 'inbound',
  });
}

/** Envelope recipients: the receiving server's "for …" clause, else our domain's addresses in To and Cc. */
function recipientsOf(
  received: string | undefined,
  headers: ReadonlyArray<readonly [string, string]>,
  domains: readonly string[],
): string[] {
  const ours = (address: string) => domains.some((d) => address.toLowerCase().endsWith(`@${d.toLowerCase()}`));
  const clause = received === undefined ? undefined : /\bfor\s+([^;]+);/i.exec(received)?.[1];
  const fromClause =
    clause === undefined
      ? []
      : clause
          .split(/[\s,]+/)
          .map((a) => a.replace(/^<|>$/g, '').toLowerCase())
          .filter((a) => a.includes('@'));
  if (fromClause.length > 0) return fromClause;
  const listed = headers
    .filter(([n]) => ['to', 'cc'].includes(n.toLowerCase()))
    .flatMap(([, v]) => addressparser(v, { flatten: true }).map((a) => a.address?.toLowerCase() ?? ''));
  return [...new Set(listed.filter((a) => a !== '' && ours(a)))];
}
