import { RAW_MAIL } from '../config/resources.ts';
import { intakeKeyFor, type InboundMailFacts } from '../core/new-case.ts';
import { ParseDeadlineError } from '../mail/bounded-parse.ts';
import { isHtmlConversionError } from '../mail/long-html.ts';
import { MessageParseError, parseMessage, type ParsedInboundMail } from '../mail/parse-message.ts';
import { readReplyBodies } from '../mail/reply-source.ts';
import { extractReplyText } from '../mail/reply-text.ts';
import { withEnvelopeSender, type FoundSender } from '../mail/sender-address.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';
import type { Receipt } from './ses-receipt-event.ts';

/** A received mail as intake works with it: the raw bytes as read, what parsing found, and the facts the core takes. */
export interface ReadMail {
  readonly rawKey: string;
  readonly raw: { readonly bytes: Buffer; readonly truncated: boolean };
  /** Undefined when the message could not be parsed as MIME at all (the raw copy is kept). */
  readonly parsed?: ParsedInboundMail;
  readonly mail: InboundMailFacts;
  /** What "the same mail" is keyed on across retries and receipts. */
  readonly intakeKey: string;
}

/** Reads a stored mail (up to the size limit), parses it, and finds who to answer and what they wrote. */
export async function readReceipt(
  receipt: Receipt,
  deps: Pick<InboundDependencies, 'rawMail' | 'settings'>,
): Promise<ReadMail> {
  const rawKey = `${RAW_MAIL.inboundPrefix}${receipt.sesMessageId}`;
  const raw = await deps.rawMail.readMessage(rawKey, deps.settings.maxMessageBytes);
  const parsed = await parseMessage(raw.bytes, { truncated: raw.truncated }).catch((error: unknown) => {
    if (error instanceof MessageParseError) return undefined;
    throw error;
  });
  const answerTo =
    parsed === undefined
      ? undefined
      : withEnvelopeSender(
          parsed.from === undefined ? undefined : { address: parsed.from, source: parsed.senderSource ?? 'from' },
          receipt.envelopeSender,
        );
  const mail = mailFacts(
    receipt,
    rawKey,
    parsed,
    answerTo,
    parsed === undefined ? undefined : await replyWords(raw.bytes, parsed),
  );
  // "The same mail" is keyed on what its headers say, not on the envelope it came in (a forward or a second rule).
  const intakeKey = intakeKeyFor({ ...mail, from: parsed?.from });
  return { rawKey, raw, ...(parsed === undefined ? {} : { parsed }), mail, intakeKey };
}

/**
 * The new words of a message. format=flowed text is read again from the raw bytes, because the
 * parser's flowed decoding glues a quoted line onto the reply; other mail is not parsed twice.
 */
async function replyWords(raw: Buffer, parsed: ParsedInboundMail): Promise<string> {
  // A message too complex to parse is not parsed again: its words are the note that says so.
  const flowed =
    parsed.tooComplex === undefined && FORMAT_FLOWED.test(raw.subarray(0, FLOWED_SNIFF_BYTES).toString('latin1'));
  const parsedBodies = {
    ...(parsed.text === undefined ? {} : { text: parsed.text }),
    ...(parsed.html === undefined ? {} : { html: parsed.html }),
    ...(parsed.textFromHtml === undefined ? {} : { textFromHtml: parsed.textFromHtml }),
  };
  // Out of time on the second read, or an HTML body too long for it to convert, the first read's bodies will do.
  const outOfTime = (error: unknown) => {
    if (error instanceof ParseDeadlineError || isHtmlConversionError(error)) return parsedBodies;
    throw error;
  };
  const bodies = flowed ? await readReplyBodies(raw).catch(outOfTime) : parsedBodies;
  return extractReplyText(bodies).reply;
}

/** Where a text part's Content-Type would say format=flowed: the headers of the first parts. */
const FLOWED_SNIFF_BYTES = 64 * 1024;
const FORMAT_FLOWED = /format\s*=\s*"?flowed/i;

function mailFacts(
  receipt: Receipt,
  rawKey: string,
  parsed: ParsedInboundMail | undefined,
  sender: FoundSender | undefined,
  replyText: string | undefined,
): InboundMailFacts {
  return {
    sesMessageId: receipt.sesMessageId,
    rawKey,
    receivedAt: receipt.receivedAt,
    to: parsed?.to ?? [],
    cc: parsed?.cc ?? [],
    references: parsed?.references ?? [],
    ...(sender === undefined ? {} : { from: sender.address, senderSource: sender.source }),
    ...(parsed?.subject !== undefined ? { subject: parsed.subject } : {}),
    ...(parsed?.date ? { date: parsed.date } : {}),
    ...(parsed?.dateOffsetMinutes === undefined ? {} : { dateOffsetMinutes: parsed.dateOffsetMinutes }),
    ...(parsed?.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed?.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    ...(parsed?.text !== undefined ? { text: parsed.text } : {}),
    ...(replyText !== undefined ? { replyText } : {}),
    ...(parsed?.contentLanguage ? { contentLanguage: parsed.contentLanguage } : {}),
  };
}
