import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { addressProblem, normaliseAddress } from '../core/address-syntax.ts';
import type { MailAddress } from '../core/support-case.ts';
import type { RenderedMessage } from './render-template.ts';

export interface ComposedAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
  readonly contentId?: string;
}

export interface ComposeInput {
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc?: readonly MailAddress[];
  readonly replyTo?: string;
  readonly content: RenderedMessage;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** Marks the message as sent by the pipeline on its own (RFC 3834). */
  readonly automatic: boolean;
  readonly date: Date;
  readonly attachments?: readonly ComposedAttachment[];
}

/**
 * Addresses SES would take, normalised as the outbox normalises them: SES refuses the whole message
 * for one malformed address in its headers, so the outbox leaves such recipients out (and records
 * why) and so do the headers.
 */
function sendable(addresses: readonly MailAddress[]): MailAddress[] {
  return addresses.map((a) => ({ ...a, address: normaliseAddress(a.address) })).filter((a) => addressProblem(a.address) === undefined);
}

/** Headers that keep auto-responders (including Exchange's) from answering our automatic mail. */
const AUTOMATIC_HEADERS = {
  'Auto-Submitted': 'auto-replied',
  'X-Auto-Response-Suppress': 'All',
} as const;

/**
 * Builds the raw MIME message (multipart/alternative, text then HTML). Nodemailer encodes every
 * header value, so names and subjects from mail cannot break out into new headers.
 */
export async function composeMessage(input: ComposeInput): Promise<Buffer> {
  const domain = input.from.address.split('@')[1] ?? 'localhost';
  const to = sendable(input.to);
  const cc = sendable(input.cc ?? []);
  const composer = new MailComposer({
    from: input.from,
    ...(to.length === 0 ? {} : { to }),
    ...(cc.length === 0 ? {} : { cc }),
    ...(input.replyTo === undefined ? {} : { replyTo: input.replyTo }),
    subject: input.content.subject,
    text: input.content.text,
    html: input.content.html,
    // SES replaces this on the wire; it only has to be unique until then.
    messageId: `<${randomUUID()}@${domain}>`,
    date: input.date,
    ...(input.inReplyTo === undefined ? {} : { inReplyTo: input.inReplyTo }),
    ...(input.references.length === 0 ? {} : { references: [...input.references] }),
    headers: input.automatic ? { ...AUTOMATIC_HEADERS } : {},
    attachments: (input.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      ...(a.contentId === undefined ? {} : { cid: a.contentId.replace(/^<|>$/g, '') }),
    })),
  });
  return composer.compile().build();
}
