import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/** What a bench mail is meant to be; the handler's outcome says what it became. */
export type MailKind = 'plain' | 'html' | 'attachments' | 'customer-reply' | 'agent-reply';

export const MAIL_KINDS: readonly MailKind[] = ['plain', 'html', 'attachments', 'customer-reply', 'agent-reply'];

/** The outcome each kind should get from the handler; anything else is reported, never hidden. */
export const EXPECTED_OUTCOME: Readonly<Record<MailKind, string>> = {
  plain: 'case-opened',
  html: 'case-opened',
  attachments: 'case-opened',
  'customer-reply': 'case-updated',
  'agent-reply': 'case-updated',
};

export const isNewCaseKind = (kind: MailKind) => EXPECTED_OUTCOME[kind] === 'case-opened';

/**
 * One repeating slice of the mix, 20 mails: 7 plain, 5 HTML, 3 with attachments (new cases) and
 * 3 customer replies and 2 agent replies to existing cases. Fixed, so every run sends the same mix.
 */
const MIX_PATTERN: readonly MailKind[] = [
  'plain',
  'html',
  'customer-reply',
  'plain',
  'attachments',
  'html',
  'agent-reply',
  'plain',
  'html',
  'plain',
  'customer-reply',
  'attachments',
  'plain',
  'html',
  'agent-reply',
  'plain',
  'customer-reply',
  'html',
  'attachments',
  'plain',
];

/** A case a reply can join: who opened it and the acknowledgement's Message-ID (SES's, as on the wire). */
export interface CaseThread {
  readonly customer: string;
  readonly subject: string;
  readonly messageId: string;
  readonly ackMessageId: string;
  readonly caseNumber: number;
}

export interface BenchMail {
  readonly kind: MailKind;
  /** Envelope sender; for an agent reply, also the SMTP login. */
  readonly from: string;
  readonly to: readonly string[];
  /** Whose folder receives this mail's answer (acknowledgement or agent reply). */
  readonly customer: string;
  readonly raw: Buffer;
}

export interface MixOptions {
  readonly runId: string;
  readonly supportAddress: string;
  readonly agentAddress: string;
  /** Cases replies may join; each is used once, so no two replies race for one case. */
  readonly threads: CaseThread[];
}

/** How many existing cases `mails` mails of the mix need. */
export function threadsNeeded(mails: number): number {
  return Array.from({ length: mails }, (_, i) => MIX_PATTERN[i % MIX_PATTERN.length]).filter(
    (k) => k !== undefined && !isNewCaseKind(k),
  ).length;
}

/** Builds `mails` raw messages of the mix; replies take threads from `options.threads`. */
export async function buildMix(mails: number, options: MixOptions): Promise<BenchMail[]> {
  return Promise.all(
    Array.from({ length: mails }, (_, i) => buildMail(MIX_PATTERN[i % MIX_PATTERN.length] ?? 'plain', i, options)),
  );
}

/** A first mail from a new customer (the seed of a thread). */
export function buildNewCase(kind: MailKind, index: number, options: Omit<MixOptions, 'threads'>): Promise<BenchMail> {
  return buildMail(isNewCaseKind(kind) ? kind : 'plain', index, { ...options, threads: [] });
}

async function buildMail(kind: MailKind, index: number, options: MixOptions): Promise<BenchMail> {
  const { runId, supportAddress } = options;
  if (isNewCaseKind(kind)) {
    const customer = `${kind}-${runId}-${index}@customer.test`;
    const message: Mail.Options = {
      from: `Customer ${index} <${customer}>`,
      to: supportAddress,
      subject: `Order ${4000 + index}: ${SUBJECTS[index % SUBJECTS.length]}`,
      messageId: `<${runId}.${index}@customer.test>`,
      date: new Date(),
      text: PLAIN_BODY,
      ...(kind === 'html' ? { html: htmlBody(index) } : {}),
      ...(kind === 'attachments' ? { attachments: attachments(index) } : {}),
    };
    return { kind, from: customer, to: [supportAddress], customer, raw: await compose(message) };
  }
  const thread = options.threads.shift();
  if (thread === undefined) throw new Error(`No existing case left for a ${kind} (seed more threads)`);
  const agent = kind === 'agent-reply';
  const from = agent ? options.agentAddress : thread.customer;
  const message: Mail.Options = {
    from: agent ? `Maria Lopez <${from}>` : from,
    to: supportAddress,
    subject: `Re: [Case #${thread.caseNumber}] ${thread.subject}`,
    messageId: `<${runId}.${index}.${agent ? 'agent' : 'reply'}@${from.split('@')[1]}>`,
    inReplyTo: thread.ackMessageId,
    references: [thread.messageId, thread.ackMessageId],
    date: new Date(),
    text: `${agent ? AGENT_ANSWER : CUSTOMER_ANSWER}\n\nOn ${new Date().toUTCString()}, Example Support wrote:\n${QUOTED}`,
  };
  return { kind, from, to: [supportAddress], customer: thread.customer, raw: await compose(message) };
}

function compose(message: Mail.Options): Promise<Buffer> {
  return new MailComposer(message).compile().build();
}

const SUBJECTS = [
  'parcel never arrived',
  'charged twice',
  'cannot log in',
  'wrong size delivered',
  'refund still pending',
];

const PLAIN_BODY = [
  'Hello,',
  '',
  'I ordered a pair of running shoes two weeks ago and the tracking page has said "in transit" for',
  'ten days now. The order confirmation says delivery within five working days. Could you tell me',
  'where the parcel is, or send a replacement? I need them for a race on the 14th.',
  '',
  'Order reference and my address are in the confirmation below.',
  '',
  'Thanks,',
  'A customer',
].join('\n');

const CUSTOMER_ANSWER =
  'Thanks for the quick answer. The tracking number is 00340434161234567890, and I am home all week.';
const AGENT_ANSWER =
  'Hello,\n\nthe parcel was lost by the carrier; a replacement left our warehouse today and arrives on Friday.\n\nMaria';
const QUOTED = '> Hi,\n> we have your message and opened a case for it.\n> We usually answer within 4 hours.\n';

/** A message as a webmail client writes it: styled paragraphs, a signature table, a quoted footer. */
function htmlBody(index: number): string {
  const paragraphs = PLAIN_BODY.split('\n\n').map(
    (p) =>
      `<p style="margin:0 0 12px 0;font-family:Arial,sans-serif;font-size:14px;color:#202124">${p.replace(/\n/g, ' ')}</p>`,
  );
  const rows = Array.from(
    { length: 6 },
    (_, i) =>
      `<tr><td style="padding:4px 8px;border:1px solid #ddd">Item ${i + 1}</td><td style="padding:4px 8px;border:1px solid #ddd">SKU-${index}-${i}</td><td style="padding:4px 8px;border:1px solid #ddd">€ ${(19.9 + i).toFixed(2)}</td></tr>`,
  );
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div dir="ltr">${paragraphs.join('')}<table style="border-collapse:collapse">${rows.join('')}</table><div class="gmail_signature"><p>-- <br>Sent from my laptop</p></div></div></body></html>`;
}

/** A PDF-sized invoice and a screenshot: incompressible bytes, as real attachments are. */
function attachments(index: number): NonNullable<Mail.Options['attachments']> {
  return [
    { filename: `invoice-${index}.pdf`, content: pseudoRandomBytes(48 * 1024, index), contentType: 'application/pdf' },
    { filename: 'screenshot.png', content: pseudoRandomBytes(16 * 1024, index + 7), contentType: 'image/png' },
  ];
}

/** Deterministic bytes (xorshift), so every run sends the same attachments. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
