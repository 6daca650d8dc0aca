import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The sisimai bounce collection: its `lhost-amazonses-*` files are SES notifications mailed by SNS. */
const SISIMAI = resolve(import.meta.dirname, '../../../shared/corpora/bounces-autoreplies-sisimai');
const MAILDIR = join(SISIMAI, 'set-of-emails/maildir/bsd');

export const sesFeedbackCorpusPresent = existsSync(MAILDIR);
export const SES_FEEDBACK_CORPUS_MISSING = `the real SES bounce and complaint notifications (${SISIMAI}) are not on this machine`;

/** One real SES notification and what sisimai's tests expect of it. */
export interface SesFeedbackSample {
  readonly file: string;
  /** The SES record: `notificationType`, `bounce` or `complaint`, `mail`. */
  readonly record: Record<string, unknown>;
  /** sisimai's reading: `feedback` for a complaint (with its type), a hard bounce, `delivered`... */
  readonly expected: { readonly reason: string; readonly hardbounce: boolean; readonly status: string; readonly anotherone: string };
}

/**
 * Every `lhost-amazonses` file whose body is an SES notification (an SNS message mailed to a
 * subscriber, as JSON or inside SNS's own JSON envelope), with its expectation. Sendmail split
 * the notifications' long lines (`!` + newline + space at 990 characters), which is undone here.
 */
export function sesFeedbackSamples(): SesFeedbackSample[] {
  const expectations = JSON.parse(readFileSync(join(SISIMAI, 'EXPECTATIONS.helper-extracted.json'), 'utf8')) as Record<string, { recipients: SesFeedbackSample['expected'][] }>;
  return Object.entries(expectations)
    .filter(([path]) => path.includes('/lhost-amazonses-'))
    .flatMap(([path, { recipients }]) => {
      const file = path.split('/').at(-1) ?? path;
      const record = notificationIn(readFileSync(join(MAILDIR, file), 'utf8'));
      const expected = recipients[0];
      return record === undefined || expected === undefined ? [] : [{ file, record, expected }];
    });
}

function notificationIn(eml: string): Record<string, unknown> | undefined {
  const body = eml.slice(eml.search(/\r?\n\r?\n/)).replace(/!\r?\n /g, '').split(/\r?\n\r?\n--\r?\n/)[0]?.trim() ?? '';
  if (!body.startsWith('{')) return undefined;
  const parsed = JSON.parse(body) as Record<string, unknown>;
  return typeof parsed.Message === 'string' ? (JSON.parse(parsed.Message) as Record<string, unknown>) : parsed;
}

/** A record as EventBridge delivers it from a configuration set's event destination. */
export function asEventBridgeEvent(record: Record<string, unknown>): Record<string, unknown> {
  const kind = record.eventType ?? record.notificationType;
  return { version: '0', id: 'corpus', 'detail-type': kind === 'Complaint' ? 'Email Complaint Received' : kind === 'Bounce' ? 'Email Bounced' : `Email ${String(kind)}`, source: 'aws.ses', detail: record };
}
