import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailAddress } from '../core/support-case.ts';
import { visibleLine } from '../core/visible-text.ts';
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

/** Headers that keep auto-responders (including Exchange's) from answering our automatic mail. */
const AUTOMATIC_HEADERS = {
  'Auto-Submitted': 'auto-replied',
  'X-Auto-Response-Suppress': 'All',
} as const;

/**
 * Builds the raw MIME message (multipart/alternative, text then HTML). Nodemailer encodes every
 * header value, so names and subjects from mail cannot break out into new headers; and every name,
 * subject and file name is made one visible line first (core/visible-text.ts), so no encoded
 * `\r\nBcc:`, bidi override or NUL reaches the people who decode them.
 */
export async function composeMessage(input: ComposeInput): Promise<Buffer> {
  const domain = input.from.address.split('@')[1] ?? 'localhost';
  const references = input.references.filter(isWritableId);
  const composer = new MailComposer({
    from: visibleAddress(input.from),
    to: input.to.map(visibleAddress),
    ...(input.cc === undefined || input.cc.length === 0 ? {} : { cc: input.cc.map(visibleAddress) }),
    ...(input.replyTo === undefined ? {} : { replyTo: input.replyTo }),
    subject: visibleLine(input.content.subject),
    text: input.content.text,
    html: input.content.html,
    // SES replaces this on the wire; it only has to be unique until then.
    messageId: `<${randomUUID()}@${domain}>`,
    date: input.date,
    ...(input.inReplyTo === undefined || !isWritableId(input.inReplyTo) ? {} : { inReplyTo: input.inReplyTo }),
    ...(references.length === 0 ? {} : { references }),
    headers: input.automatic ? { ...AUTOMATIC_HEADERS } : {},
    attachments: (input.attachments ?? []).map((a) => ({
      filename: visibleLine(a.filename) || 'attachment',
      contentType: a.contentType,
      content: a.content,
      ...(a.contentId === undefined ? {} : { cid: a.contentId.replace(/^<|>$/g, '') }),
    })),
  });
  return composer.compile().build();
}

/** An address whose display name is one visible line; a name with nothing visible left is dropped. */
function visibleAddress(address: MailAddress): MailAddress {
  const name = address.name === undefined ? '' : visibleLine(address.name);
  return name === '' ? { address: address.address } : { address: address.address, name };
}

/** Message ids come from mail and go back out in In-Reply-To and References, where nodemailer writes them as they are. */
function isWritableId(id: string): boolean {
  return id === visibleLine(id) && !/\s/.test(id);
}
