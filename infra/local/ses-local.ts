import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser';
import { sesWireMessageId } from '../../functions/core/outbound-draft.ts';
import { deliverToMaildir } from './maildir.ts';
import { headerValue, readHeaderBlock, rewriteHeaders } from './raw-headers.ts';
import { sesAddressError, sesIdentityError } from './ses-address-check.ts';
import { sesFeedbackEvent, type SimulatedFeedback } from './ses-feedback.ts';

/** SES's limit on one message (SES v2 SendEmail, raw content, after base64 decoding). */
const MAX_RAW_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface DeliveredMail {
  readonly sesMessageId: string;
  readonly from: string;
  readonly recipients: readonly string[];
  readonly raw: Buffer;
}

/** One copy filed for one recipient: what the console prints a line for. */
export interface FiledCopy {
  readonly recipient: string;
  /** The decoded Subject header, or '' when there is none. */
  readonly subject: string;
  /** The .eml file. */
  readonly file: string;
  /** The recipient's Maildir (`mutt -f` opens it), when the SES files into Maildirs. */
  readonly maildir?: string;
}

export interface LocalSesOptions {
  readonly region: string;
  /** Where delivered mail is filed: `<mailDir>/<recipient>/<time>-<id>.eml`. */
  readonly mailDir: string;
  /** Where each recipient's Maildir lives as well: `<maildirDir>/<recipient>/{tmp,new,cur}`. Default: none. */
  readonly maildirDir?: string;
  /** Told about every copy filed, once it is on disk. */
  readonly onFiled?: (copy: FiledCopy) => void;
  /** Domains whose mail goes back into the pipeline instead of (as well as) being filed. */
  readonly loopbackDomains: readonly string[];
  /**
   * The domains verified as SES identities: a message From any other domain is refused with SES's
   * MessageRejected, as on AWS. Default: any sender is taken.
   */
  readonly verifiedDomains?: readonly string[];
  readonly onLoopback: (mail: DeliveredMail, recipients: readonly string[]) => void;
  /**
   * Given the EventBridge event SES would publish for a bounce or complaint of a recipient marked
   * with `simulate` (on AWS: the configuration set's event destination, to the suppression function).
   */
  readonly onFeedbackEvent?: (event: Record<string, unknown>) => Promise<unknown>;
  /** Keep every sent message in `sent`, raw bytes included (tests). Default true; the local stack passes false unless asked. */
  readonly keepSent?: boolean;
}

export interface LocalSes {
  readonly endpoint: string;
  /**
   * Every message sent since start, in order, when `keepSent` is set (tests read them); otherwise
   * empty, so a long-running stack holds no sent message in memory (they are on disk as .eml).
   */
  readonly sent: readonly DeliveredMail[];
  /** How many messages were sent since start (kept or not). */
  sentCount(): number;
  /**
   * Makes `address` bounce (nothing is filed for it) or complain (filed, then reported as spam)
   * whenever it is sent to from now on, with the event SES would publish for it.
   */
  simulate(address: string, feedback: SimulatedFeedback): void;
  /** Resolves when every bounce or complaint event so far has been handled. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * SES's mailbox simulator: on AWS, mail to these addresses (with or without a `+label`) bounces for
 * good or draws a complaint, with the events a real one would give. Here too, so a person can try
 * suppression from a mail client.
 */
const MAILBOX_SIMULATOR: Readonly<Record<string, SimulatedFeedback>> = {
  'bounce@simulator.amazonses.com': 'bounce',
  'complaint@simulator.amazonses.com': 'complaint',
};

/**
 * A local stand-in for the SES v2 SendEmail API (raw content) that keeps every byte: like SES, it
 * replaces the Message-ID with `<id@region.amazonses.com>` and drops Bcc, then files one .eml per
 * recipient that a person or a mail client can open.
 */
export async function startLocalSes(options: LocalSesOptions): Promise<LocalSes> {
  const sent: DeliveredMail[] = [];
  let sentCount = 0;
  const feedback = new Map<string, SimulatedFeedback>();
  const feedbackFor = (recipient: string) =>
    feedback.get(recipient) ?? MAILBOX_SIMULATOR[recipient.replace(/\+[^@]*@/, '@')];
  const inFlight = new Set<Promise<unknown>>();
  // Like SES, the event follows the accepted send; a handler that fails is reported, as a DLQ would keep it.
  const publishFeedback = (mail: DeliveredMail) => {
    for (const recipient of mail.recipients) {
      const kind = feedbackFor(recipient);
      if (kind === undefined || options.onFeedbackEvent === undefined) continue;
      const event = sesFeedbackEvent(kind, { ...mail, sentAt: new Date() }, recipient, {
        region: options.region,
        at: new Date(),
      });
      const handled = options
        .onFeedbackEvent(event)
        .catch((error: unknown) => console.error(`Local SES: the ${kind} event for ${recipient} failed:`, error));
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
    }
  };
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== '/v2/email/outbound-emails') {
      reply(404, { message: `The local SES supports SendEmail only, not ${request.method} ${request.url}` });
      return;
    }
    readJson(request)
      .then(async (body) => {
        const mail = await deliver(body, options, (recipient) => feedbackFor(recipient) !== 'bounce');
        sentCount += 1;
        if (options.keepSent ?? true) sent.push(mail);
        reply(200, { MessageId: mail.sesMessageId });
        publishFeedback(mail);
        const local = mail.recipients.filter((r) => options.loopbackDomains.includes(r.split('@')[1] ?? ''));
        if (local.length > 0) options.onLoopback(mail, local);
      })
      .catch((error: unknown) =>
        reply(400, {
          __type: error instanceof MessageRejectedError ? 'MessageRejected' : 'BadRequestException',
          message: String(error instanceof Error ? error.message : error),
        }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    sent,
    sentCount: () => sentCount,
    simulate: (address, kind) => feedback.set(address.toLowerCase(), kind),
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** SES refused the message as a whole (an unverified sender): its `MessageRejected` error. */
class MessageRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageRejectedError';
  }
}

interface SendEmailBody {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: { Raw?: { Data?: string } };
}

/** Files the message for each recipient `reaches` lets through (a bouncing address gets nothing). */
async function deliver(
  body: SendEmailBody,
  options: LocalSesOptions,
  reaches: (recipient: string) => boolean,
): Promise<DeliveredMail> {
  const data = body.Content?.Raw?.Data;
  if (data === undefined) throw new Error('Only raw content is supported locally: Content.Raw.Data is missing');
  const original = Buffer.from(data, 'base64');
  if (original.length > MAX_RAW_MESSAGE_BYTES) throw new Error('Message length is more than 40 MB');
  const block = readHeaderBlock(original);
  const destination = body.Destination;
  const recipients = destination
    ? [...(destination.ToAddresses ?? []), ...(destination.CcAddresses ?? []), ...(destination.BccAddresses ?? [])]
    : ['to', 'cc', 'bcc'].flatMap((h) => addressesIn(headerValue(block, h)));
  if (recipients.length === 0) throw new Error('The message has no recipients');
  // Like SES: one malformed address anywhere fails the whole send.
  for (const address of [...recipients, ...['from', 'to', 'cc'].flatMap((h) => addressesIn(headerValue(block, h)))]) {
    const error = sesAddressError(address);
    if (error !== undefined) throw new Error(`${error}: ${address}`);
  }
  const from = body.FromEmailAddress ?? addressesIn(headerValue(block, 'from'))[0] ?? '';
  const unverified = options.verifiedDomains && sesIdentityError(from, options.verifiedDomains, options.region);
  if (unverified) throw new MessageRejectedError(unverified);
  const sesMessageId = `${Date.now().toString(16).padStart(16, '0')}-${randomUUID()}-000000`;
  const raw = rewriteHeaders(
    original,
    ['message-id', 'bcc'],
    [['Message-ID', sesWireMessageId(sesMessageId, options.region)]],
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const subject = options.onFiled === undefined ? '' : await decodedSubject(raw);
  await Promise.all(
    [...new Set(recipients.map((r) => r.toLowerCase()))].filter(reaches).map(async (recipient) => {
      const folder = join(options.mailDir, safeFolder(recipient));
      await mkdir(folder, { recursive: true });
      const file = join(folder, `${stamp}-${randomBytes(3).toString('hex')}.eml`);
      await writeFile(file, raw);
      const maildir = options.maildirDir === undefined ? undefined : join(options.maildirDir, safeFolder(recipient));
      if (maildir !== undefined) await deliverToMaildir(maildir, raw);
      options.onFiled?.({ recipient, subject, file, ...(maildir === undefined ? {} : { maildir }) });
    }),
  );
  return { sesMessageId, from, recipients: recipients.map((r) => r.toLowerCase()), raw };
}

/** The Subject as a person reads it (encoded words decoded by mailparser, from the header block only). */
async function decodedSubject(raw: Buffer): Promise<string> {
  const { bodyOffset } = readHeaderBlock(raw);
  const parsed = await simpleParser(raw.subarray(0, bodyOffset), {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  return parsed.subject ?? '';
}

function addressesIn(value: string | undefined): string[] {
  if (value === undefined) return [];
  return addressparser(value, { flatten: true })
    .map((a) => a.address)
    .filter((a): a is string => Boolean(a));
}

/** Recipient addresses become folder names; nothing in one may climb out of the mail folder. */
export function safeFolder(address: string): string {
  return address
    .toLowerCase()
    .replace(/[^a-z0-9@._+-]/g, '_')
    .replace(/^\.+/, '_');
}

async function readJson(request: IncomingMessage): Promise<SendEmailBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_RAW_MESSAGE_BYTES * 1.4) throw new Error('Request too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendEmailBody;
}
