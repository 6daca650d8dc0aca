import { simpleParser, type AddressObject, type HeaderValue, type Headers, type ParsedMail } from 'mailparser';
import type { AutomaticMailSignals } from '../core/automatic-mail.ts';
import type { MailAddress, MailHeaderFacts } from '../core/support-case.ts';

/**
 * HTML bodies longer than this are not converted to text (html-to-text is quadratic on some
 * inputs); the HTML itself is still kept.
 */
const MAX_HTML_TO_TEXT_CHARS = 2 * 1024 * 1024;

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
  readonly html?: string;
  readonly attachments: readonly ParsedAttachment[];
  readonly signals: Omit<AutomaticMailSignals, 'envelopeSender'>;
}

export class MessageParseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MessageParseError';
  }
}

/** Parses a raw RFC 5322 message leniently: whatever can be read is returned. */
export async function parseMessage(raw: Buffer): Promise<ParsedInboundMail> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, {
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: true,
      maxHtmlLengthToParse: MAX_HTML_TO_TEXT_CHARS,
    });
  } catch (error) {
    throw new MessageParseError('The message could not be parsed as MIME', { cause: error });
  }
  const from = addresses(parsed.from)[0];
  const text = parsed.text?.trim() === '' ? undefined : parsed.text;
  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : undefined;
  const contentType = parsed.headers.get('content-type');
  return {
    ...(from === undefined ? {} : { from }),
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    ...optional('subject', parsed.subject),
    ...optional('date', validDate(parsed.date)),
    ...optional('messageId', normaliseMessageId(parsed.messageId)),
    ...optional('inReplyTo', normaliseMessageId(parsed.inReplyTo)),
    references: messageIdList(parsed.references),
    ...optional('text', text),
    ...optional('html', html),
    attachments: parsed.attachments.map((a, index) => ({
      filename: a.filename ?? `attachment-${index + 1}`,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
      ...optional('contentId', a.cid),
    })),
    signals: {
      ...optional('fromAddress', from?.address),
      ...optional('autoSubmitted', headerText(parsed.headers, 'auto-submitted')),
      ...optional('precedence', headerText(parsed.headers, 'precedence')),
      ...optional('xAutoreply', headerText(parsed.headers, 'x-autoreply')),
      ...optional('xAutorespond', headerText(parsed.headers, 'x-autorespond')),
      ...optional('xAutoResponseSuppress', headerText(parsed.headers, 'x-auto-response-suppress')),
      ...optional('listId', headerText(parsed.headers, 'list-id')),
      ...optional('reportType', reportType(contentType)),
    },
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const result: MailAddress[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address && entry.address.includes('@')) {
        result.push(entry.name ? { address: entry.address.toLowerCase(), name: entry.name } : { address: entry.address.toLowerCase() });
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
  return id === '' || /[\s<>]/.test(id) ? undefined : `<${id}>`;
}

function messageIdList(value: string | string[] | undefined): string[] {
  const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return raw
    .flatMap((v) => v.match(/<[^<>\s]+>/g) ?? v.split(/\s+/))
    .map(normaliseMessageId)
    .filter((id): id is string => id !== undefined);
}

function headerText(headers: Headers, name: string): string | undefined {
  return valueText(headers.get(name));
}

function valueText(value: HeaderValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? undefined : valueText(value[0] as HeaderValue);
  if (value instanceof Date) return value.toISOString();
  if ('value' in value && typeof value.value === 'string') return value.value;
  if ('text' in value && typeof value.text === 'string') return value.text;
  // Structured headers such as List-Id come back as objects; their presence is what matters.
  return JSON.stringify(value);
}

function reportType(contentType: HeaderValue | undefined): string | undefined {
  if (contentType === undefined || typeof contentType !== 'object' || !('params' in contentType)) return undefined;
  if (contentType.value.toLowerCase() !== 'multipart/report') return undefined;
  return contentType.params['report-type']?.toLowerCase();
}

function validDate(date: Date | undefined): string | undefined {
  return date !== undefined && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
