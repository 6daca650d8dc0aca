import { RAW_MAIL } from '../config/resources.ts';
import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import { MAX_TEXT_SUMMARY_CHARS, type StoredContent } from '../core/new-case.ts';
import type { AttachmentRecord } from '../core/support-case.ts';
import type { ParsedInboundMail } from '../mail/parse-message.ts';

/**
 * Most attachments decoded and stored one by one. Past this the raw message (which holds them all)
 * is the copy, and the case is flagged: each stored attachment costs an S3 write inside the
 * function's time budget.
 */
export const MAX_EXTRACTED_ATTACHMENTS = 50;
const MAX_FILENAME_CHARS = 100;

/** Stores decoded bodies and attachments under the receipt's id; idempotent (same keys on retry). */
export async function storeContent(
  store: RawMailStore,
  sesMessageId: string,
  mail: ParsedInboundMail,
): Promise<StoredContent & { attachmentsSkipped: boolean }> {
  const prefix = `${RAW_MAIL.contentPrefix}${sesMessageId}/`;
  const writes: Promise<void>[] = [];
  let textKey: string | undefined;
  let htmlKey: string | undefined;
  if (mail.text !== undefined && mail.text.length > MAX_TEXT_SUMMARY_CHARS) {
    textKey = `${prefix}body.txt`;
    writes.push(store.putContent(textKey, mail.text, 'text/plain; charset=utf-8'));
  }
  if (mail.html !== undefined) {
    htmlKey = `${prefix}body.html`;
    writes.push(store.putContent(htmlKey, mail.html, 'text/html; charset=utf-8'));
  }
  const attachments: AttachmentRecord[] = mail.attachments.slice(0, MAX_EXTRACTED_ATTACHMENTS).map((a, index) => {
    const key = `${prefix}${RAW_MAIL.attachmentsFolder}/${index + 1}-${safeFilename(a.filename)}`;
    writes.push(store.putContent(key, a.content, safeContentType(a.contentType)));
    return {
      filename: a.filename.slice(0, 255),
      contentType: a.contentType,
      size: a.size,
      key,
      ...(a.contentId === undefined ? {} : { contentId: a.contentId }),
    };
  });
  await Promise.all(writes);
  return {
    ...(textKey === undefined ? {} : { textKey }),
    ...(htmlKey === undefined ? {} : { htmlKey }),
    attachments,
    attachmentsSkipped: mail.attachments.length > MAX_EXTRACTED_ATTACHMENTS,
  };
}

/** A MIME type as S3 accepts it; a sender's malformed one (`text/plain charset=x`) becomes opaque bytes. */
export function safeContentType(contentType: string): string {
  const type = contentType.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) ? type : 'application/octet-stream';
}

/** A filename safe as an S3 key segment: no path, no control characters, bounded. */
export function safeFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKC')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '')
    .slice(-MAX_FILENAME_CHARS);
  return cleaned === '' ? 'attachment' : cleaned;
}
