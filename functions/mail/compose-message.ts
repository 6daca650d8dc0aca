import { randomUUID } from 'node:crypto';
import { checkSendable } from '../core/address-syntax.ts';
import type { MailAddress } from '../core/support-case.ts';
import { visibleAddress, visibleLine } from '../core/visible-text.ts';
import {
  encodeAddress,
  encodeText,
  filePart,
  headerLine,
  messageBytes,
  multipart,
  textPart,
  type MimePart,
} from './mime-parts.ts';
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
  return addresses.flatMap((a) => {
    const checked = checkSendable(a.address);
    return 'address' in checked ? [{ ...a, address: checked.address }] : [];
  });
}

/** A primary language subtag (RFC 5646): all a template folder's name can be, and all the header may carry. */
const LANGUAGE_TAG = /^[a-z]{2,3}$/;

/** Headers that keep auto-responders (including Exchange's) from answering our automatic mail. */
const AUTOMATIC_HEADERS = {
  'Auto-Submitted': 'auto-replied',
  'X-Auto-Response-Suppress': 'All',
} as const;

/**
 * Builds the raw MIME message: multipart/alternative (text, then HTML, which is multipart/related
 * with any file it shows inline by cid), inside multipart/mixed when other files are attached. Every
 * header value is encoded (mime-parts.ts), so names and subjects from mail cannot break out into new
 * headers; and every name, subject and file name is made one visible line first
 * (core/visible-text.ts), so no encoded `\r\nBcc:`, bidi override or NUL reaches the people who
 * decode them.
 */
export async function composeMessage(input: ComposeInput): Promise<Buffer> {
  const domain = input.from.address.split('@')[1] ?? 'localhost';
  const references = input.references.filter(isWritableId);
  const to = sendable(input.to).map(visibleAddress);
  const cc = sendable(input.cc ?? []).map(visibleAddress);
  const addresses = (name: string, list: readonly MailAddress[]) =>
    list.length === 0 ? [] : [headerLine(name, list.map(encodeAddress).join(', '))];
  const headers = [
    ...(input.automatic ? Object.entries(AUTOMATIC_HEADERS).map(([name, value]) => `${name}: ${value}`) : []),
    headerLine('From', encodeAddress(visibleAddress(input.from))),
    ...addresses('To', to),
    ...addresses('Cc', cc),
    ...(input.replyTo === undefined ? [] : addresses('Reply-To', [{ address: input.replyTo }])),
    ...(input.inReplyTo === undefined || !isWritableId(input.inReplyTo)
      ? []
      : [headerLine('In-Reply-To', angled(input.inReplyTo))]),
    ...(references.length === 0 ? [] : [headerLine('References', references.map(angled).join(' '))]),
    headerLine('Subject', encodeText(visibleLine(input.content.subject))),
    // SES replaces this on the wire; it only has to be unique until then.
    headerLine('Message-ID', `<${randomUUID()}@${domain}>`),
    headerLine('Date', input.date.toUTCString().replace(/GMT/, '+0000')),
    // RFC 3282: the language the reader gets, for their mail program (and screen reader) to read it in.
    ...(input.content.language === undefined || !LANGUAGE_TAG.test(input.content.language)
      ? []
      : [headerLine('Content-Language', input.content.language)]),
  ];
  return messageBytes(headers, bodyOf(input.content, input.attachments ?? []));
}

/** The body tree: files with a content id sit beside the HTML that shows them, the others beside the whole. */
function bodyOf(content: RenderedMessage, attachments: readonly ComposedAttachment[]): MimePart {
  const files = attachments.map((a) => ({
    filename: visibleLine(a.filename) || 'attachment',
    contentType: a.contentType,
    content: a.content,
    ...(a.contentId === undefined ? {} : { cid: a.contentId.replace(/^<|>$/g, '') }),
  }));
  const related = files.filter((f) => f.cid !== undefined).map(filePart);
  const html = textPart('html', content.html);
  const alternative = multipart('alternative', [
    textPart('plain', content.text),
    related.length === 0 ? html : multipart('related', [html, ...related]),
  ]);
  const attached = files.filter((f) => f.cid === undefined).map(filePart);
  return attached.length === 0 ? alternative : multipart('mixed', [alternative, ...attached]);
}

/** A message id in its angle brackets, as RFC 5322's msg-id has it. */
function angled(id: string): string {
  return `${id.startsWith('<') ? '' : '<'}${id}${id.endsWith('>') ? '' : '>'}`;
}

/** RFC 5322's 998-character line, less `In-Reply-To: ` and room to spare. */
const MAX_WRITTEN_ID_CHARS = 900;

/** Message ids come from mail and go back out in In-Reply-To and References, where they are written as they are. */
function isWritableId(id: string): boolean {
  // Printable ASCII only: SES takes header fields in 7-bit ASCII, and an id cannot be an encoded word.
  // An id cannot be folded either: it must fit one line of at most 998 characters after its field name.
  return id === visibleLine(id) && /^[\x21-\x7e]+$/.test(id) && id.length <= MAX_WRITTEN_ID_CHARS;
}
