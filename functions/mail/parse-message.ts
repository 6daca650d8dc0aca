import type { AddressObject, ParsedMail, SimpleParserOptions } from 'mailparser';
import type { AutomaticMailSignals } from '../core/automatic-mail.ts';
import { PARSE_DEADLINE_MS, ParseDeadlineError, parseWithDeadline } from './bounded-parse.ts';
import { readAsWhatwgCharsets } from './charset-labels.ts';
import { UTF8_FIRST_DECODING } from './body-charset.ts';
import { textFromHtmlByType } from './derived-text.ts';
import { isHtmlConversionError, MAX_HTML_TO_TEXT_CHARS, textOfUnconvertedHtml } from './long-html.ts';
import { findExcessComplexity, tooComplexNote, type MimeComplexity } from './mime-limits.ts';
import { readableRawMime } from './raw-mime-bytes.ts';
import { optional, readSignals } from './mail-signals.ts';
import { readTopHeaders } from './top-headers.ts';
import { visibleAddress, visibleLine, visibleText } from '../core/visible-text.ts';
import { normaliseAddress } from '../core/address-syntax.ts';
import { isKeepableMessageId } from '../core/message-id-limit.ts';
import type { SenderSource } from '../core/sender-source.ts';
import type { MailAddress, MailHeaderFacts } from '../core/support-case.ts';
import { readSender } from './sender-address.ts';
import { dateHeaderOffset } from './date-offset.ts';

/**
 * How every message is parsed: mailparser's text-to-HTML and link detection are off (nothing reads
 * `textAsHtml`), cid links kept, charsets read UTF-8 first. Exported so the bench's floor parses as
 * the handler does.
 */
export const PARSER_OPTIONS: SimpleParserOptions = {
  ...UTF8_FIRST_DECODING,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepCidLinks: true,
  maxHtmlLengthToParse: MAX_HTML_TO_TEXT_CHARS,
};

export interface ParsedAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly content: Buffer;
  readonly contentId?: string;
}

/** What we read from a message: plain data, no parser objects. */
export interface ParsedInboundMail extends MailHeaderFacts {
  readonly replyTo: readonly MailAddress[];
  /** Which header `from` was read from, when there is one (see sender-address.ts). */
  readonly senderSource?: SenderSource;
  readonly html?: string;
  /** The parser made `text` from `html` (see `textFromHtmlByType`); absent when the message's type cannot say. */
  readonly textFromHtml?: boolean;
  readonly attachments: readonly ParsedAttachment[];
  /** The body could not be decoded as MIME and `text` is the body as it came. */
  readonly bodyUndecoded: boolean;
  readonly signals: Omit<AutomaticMailSignals, 'envelopeSender'>;
  /**
   * The message was beyond what we parse (mime-limits.ts, or the parse deadline): only its top
   * header block was read, `text` is a note that says so, and nothing else was decoded.
   */
  readonly tooComplex?: MimeComplexity;
  /** The Content-Language header as it came (`de-DE`), if any: the language the sender says they wrote in. */
  readonly contentLanguage?: string;
}

export class MessageParseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MessageParseError';
  }
}

export interface ParseOptions {
  /** `raw` is only the start of the message (a ranged read of an oversized one). */
  readonly truncated?: boolean;
  /** Default PARSE_DEADLINE_MS. */
  readonly deadlineMs?: number;
}

/**
 * Parses a raw RFC 5322 message leniently: whatever can be read is returned. A message whose MIME
 * structure is beyond our limits, or whose parse outlasts the deadline, is not read past its top
 * header block (see `tooComplex`), so every message is answered in bounded time.
 */
export async function parseMessage(raw: Buffer, options: ParseOptions = {}): Promise<ParsedInboundMail> {
  const deadlineMs = options.deadlineMs ?? PARSE_DEADLINE_MS;
  const complexity = findExcessComplexity(raw);
  if (complexity !== undefined)
    return headersOnly(
      raw,
      complexity.limit === 'parts' && options.truncated === true ? { ...complexity, atLeast: true } : complexity,
    );
  const readable = readAsWhatwgCharsets(await readableRawMime(raw));
  const startedAt = Date.now();
  try {
    const parsed = await parseWithDeadline(readable, PARSER_OPTIONS, deadlineMs);
    return { ...readParsed(parsed, raw), ...optional('textFromHtml', textFromHtmlOf(parsed)) };
  } catch (error) {
    if (error instanceof ParseDeadlineError) return headersOnly(raw, { limit: 'parse-time', max: deadlineMs });
    if (!isHtmlConversionError(error))
      throw new MessageParseError('The message could not be parsed as MIME', { cause: error });
  }
  // An HTML body mailparser could not convert: read again keeping the HTML unconverted, within what is left of the deadline.
  const left = Math.max(1, deadlineMs - (Date.now() - startedAt));
  try {
    const parsed = await parseWithDeadline(readable, { ...PARSER_OPTIONS, skipHtmlToText: true }, left);
    return withUnconvertedHtmlText(readParsed(parsed, raw));
  } catch (error) {
    if (error instanceof ParseDeadlineError) return headersOnly(raw, { limit: 'parse-time', max: deadlineMs });
    throw new MessageParseError('The message could not be parsed as MIME', { cause: error });
  }
}

/** A mail read without converting its HTML: the text part if it has one, else a bounded start of the HTML as text. */
function withUnconvertedHtmlText(mail: ParsedInboundMail): ParsedInboundMail {
  if (mail.text !== undefined || mail.html === undefined) return mail;
  return { ...mail, text: visibleText(textOfUnconvertedHtml(mail.html)) };
}

/** The facts of the top header block alone, and a note in place of the text. */
async function headersOnly(raw: Buffer, complexity: MimeComplexity): Promise<ParsedInboundMail> {
  const { head, parsed } = await readTopHeaders(raw, PARSER_OPTIONS);
  const facts =
    parsed === undefined ? { replyTo: [], to: [], cc: [], references: [], signals: {} } : readParsed(parsed, head);
  return { ...facts, text: tooComplexNote(complexity), attachments: [], bodyUndecoded: false, tooComplex: complexity };
}

/** Said only of a parse that converted HTML: the retry without conversion keeps its own text. */
function textFromHtmlOf(parsed: ParsedMail): boolean | undefined {
  const type = parsed.headers.get('content-type');
  // mailparser reads a message without a Content-Type as text/plain.
  const value = typeof type === 'object' && type !== null && 'value' in type ? type.value : undefined;
  return textFromHtmlByType(typeof value === 'string' ? value : 'text/plain');
}

function readParsed(parsed: ParsedMail, raw: Buffer): ParsedInboundMail {
  const sender = readSender(parsed.headers);
  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : undefined;
  const decodedText = parsed.text?.trim() === '' ? undefined : parsed.text;
  // A multipart whose parts the parser could not find (say, an undeclared boundary) decodes to
  // nothing: keep the body as it came, so the words still reach a person, and say so.
  const undecoded =
    decodedText === undefined && html === undefined && parsed.attachments.length === 0 ? rawBodyText(raw) : undefined;
  const text = visibleOptional(decodedText ?? undecoded, visibleText);
  return {
    ...(sender === undefined ? {} : { from: visibleAddress(sender.address), senderSource: sender.source }),
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    ...optional('subject', visibleOptional(parsed.subject, visibleLine)),
    ...optional('date', validDate(parsed.date)),
    ...optional('dateOffsetMinutes', dateHeaderOffset(parsed.headerLines)),
    ...optional('messageId', normaliseMessageId(parsed.messageId)),
    ...optional('inReplyTo', normaliseMessageId(parsed.inReplyTo)),
    references: messageIdList(parsed.references),
    ...optional('text', text),
    ...optional('html', html),
    ...optional('contentLanguage', headerText(parsed.headers.get('content-language'))),
    attachments: parsed.attachments.map((a, index) => ({
      filename: visibleOptional(a.filename, visibleLine) || `attachment-${index + 1}`,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
      ...optional('contentId', a.cid),
    })),
    bodyUndecoded: undecoded !== undefined,
    signals: readSignals(parsed.headers, raw, sender?.source === 'from' ? sender.address.address : undefined),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const result: MailAddress[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address?.includes('@')) {
        // An address shows to agents too: a right-to-left override or zero-width space in it would disguise it.
        result.push(visibleAddress({ address: normaliseAddress(visibleLine(entry.address)), name: entry.name }));
      }
    }
  };
  for (const object of objects) visit(object.value);
  return result;
}

/** Message-IDs keep their angle brackets, as they appear in In-Reply-To and References. */
export function normaliseMessageId(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  const id = trimmed.replace(/^<|>$/g, '').trim();
  return id === '' || /[\s<>]/.test(id) || !isKeepableMessageId(`<${id}>`) ? undefined : `<${id}>`;
}

function messageIdList(value: string | string[] | undefined): string[] {
  const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return raw
    .flatMap((v) => v.match(/<[^<>\s]+>/g) ?? v.split(/\s+/))
    .map(normaliseMessageId)
    .filter((id): id is string => id !== undefined);
}

/** Longest body kept as-is when it could not be decoded. */
const MAX_UNDECODED_CHARS = 200_000;

function rawBodyText(raw: Buffer): string | undefined {
  const text = raw.toString('utf8');
  const start = text.search(/\r?\n\r?\n/);
  const body = start === -1 ? '' : text.slice(start).trim();
  return body === '' ? undefined : body.slice(0, MAX_UNDECODED_CHARS);
}

/** A header's value when it is plain text (mailparser gives structured headers as objects). */
function headerText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? visibleLine(value).trim() : undefined;
}

function visibleOptional(value: string | undefined, visible: (value: string) => string): string | undefined {
  return value === undefined ? undefined : visible(value);
}

function validDate(date: Date | undefined): string | undefined {
  return date !== undefined && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
