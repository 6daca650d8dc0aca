import type { HeaderValue, Headers } from 'mailparser';
import type { AutomaticMailSignals } from '../core/automatic-mail.ts';

/**
 * The headers (and, for a report part a wrapper hides, the first bytes) that tell a machine's mail
 * from a person's, read as they came; core/automatic-mail.ts decides what they mean.
 * `fromAddress` is the From header's own address: a Sender or Reply-To stand-in is no From.
 */
export function readSignals(
  headers: Headers,
  raw: Buffer,
  fromAddress: string | undefined,
): Omit<AutomaticMailSignals, 'envelopeSender'> {
  return {
    ...optional('fromAddress', fromAddress),
    ...optional('fromText', headerText(headers, 'from')),
    ...optional('autoSubmitted', headerText(headers, 'auto-submitted')),
    ...optional('precedence', headerText(headers, 'precedence')),
    ...optional('xAutoreply', headerText(headers, 'x-autoreply')),
    ...optional('xAutorespond', headerText(headers, 'x-autorespond') ?? vacationAction(headers)),
    ...optional('xAutoResponseSuppress', headerText(headers, 'x-auto-response-suppress')),
    // List managers that predate RFC 2369 (fml, ezmlm ...) name themselves in their own headers.
    ...optional(
      'listId',
      listHeader(headers.get('list')) ??
        headerText(headers, 'x-ml-name') ??
        headerText(headers, 'x-mlserver') ??
        headerText(headers, 'x-mailing-list'),
    ),
    ...optional('reportType', reportType(headers.get('content-type')) ?? reportPart(raw)),
    ...optional('snsMessageId', headerText(headers, 'x-amz-sns-message-id')),
  };
}

/** A header's value as text, whatever shape mailparser gives it. */
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

/** RFC 2369 list headers (mailparser folds List-* into one `list` header): any of them means list mail. */
function listHeader(list: HeaderValue | undefined): string | undefined {
  if (list === undefined || typeof list !== 'object') return undefined;
  const id = (list as { id?: { id?: string } }).id?.id;
  return id ?? (Object.keys(list).length > 0 ? JSON.stringify(list) : undefined);
}

/** Apple's vacation responder marks its replies with `X-Apple-Action: VACATION` and nothing else. */
function vacationAction(headers: Headers): string | undefined {
  const action = headerText(headers, 'x-apple-action');
  return action?.toLowerCase().includes('vacation') ? action : undefined;
}

/** How far into a message we look for a report part that a multipart/mixed wrapper hides. */
const REPORT_SNIFF_BYTES = 256 * 1024;
const REPORT_PART = /^content-type:\s*message\/(delivery-status|feedback-report)/im;

/** A bounce or complaint sent as multipart/mixed still carries its report part. */
function reportPart(raw: Buffer): string | undefined {
  return REPORT_PART.exec(raw.subarray(0, REPORT_SNIFF_BYTES).toString('latin1'))?.[1]?.toLowerCase();
}

function reportType(contentType: HeaderValue | undefined): string | undefined {
  if (contentType === undefined || typeof contentType !== 'object' || !('params' in contentType)) return undefined;
  if (contentType.value.toLowerCase() !== 'multipart/report') return undefined;
  return contentType.params['report-type']?.toLowerCase();
}

/** What agents and our headers may show of a value from mail (core/visible-text.ts). */
/** `{ [key]: value }`, or nothing when the value is undefined (exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
