import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIL_SHAPES, mailShapeExpectations, SHARED_CORPORA, type FeedbackReading } from './mail-shapes.ts';

/** The sisimai bounce collection: its `lhost-amazonses-*` files are SES notifications mailed by SNS. */
const SISIMAI = join(SHARED_CORPORA, 'bounces-autoreplies-sisimai');
const MAILDIR = join(SISIMAI, 'set-of-emails/maildir/bsd');

/** One SES notification and what reading it must give. */
export interface SesFeedbackSample {
  readonly file: string;
  /** The SES record: `notificationType` or `eventType`, `bounce` or `complaint`, `mail`. */
  readonly record: Record<string, unknown>;
  readonly expected: FeedbackReading;
}

/** A set of SES notifications, and the addresses its bounces and complaints put on the suppression list. */
export interface SesFeedbackSource {
  readonly name: string;
  readonly present: boolean;
  /** Why the source is not here, when it is not. */
  readonly missing: string;
  /** How many samples it has at least (a source that reads as empty is broken, not passing). */
  readonly atLeast: number;
  readonly samples: () => SesFeedbackSample[];
  /** Every address its samples suppress, with the reason, sorted. */
  readonly listed: ReadonlyArray<readonly [string, 'bounce' | 'complaint']>;
  /** Addresses its samples name that must stay off the list (deliveries). */
  readonly notListed: readonly string[];
}

/** Our hand-written notifications (tests/fixtures/mail-shapes/ses-feedback), in every clone. */
const ownFixtures: SesFeedbackSource = (() => {
  const shapes = Object.entries(mailShapeExpectations().sesFeedback);
  return {
    name: 'hand-written fixtures',
    present: true,
    missing: '',
    atLeast: shapes.length,
    samples: () =>
      shapes.map(([file, expected]) => ({
        file,
        record: unwrapSns(JSON.parse(readFileSync(join(MAIL_SHAPES, file), 'utf8')) as Record<string, unknown>),
        expected,
      })),
    listed: shapes
      .flatMap(([, s]) => (s.outcome === 'refused' ? [] : [[s.address, s.outcome] as const]))
      .sort(([a], [b]) => a.localeCompare(b)),
    notListed: shapes.filter(([, s]) => s.outcome === 'refused').map(([, s]) => s.address),
  };
})();

/** Real SES notifications from the sisimai corpus, read with sisimai's expectations. */
const sisimaiCorpus: SesFeedbackSource = {
  name: 'sisimai corpus',
  present: existsSync(MAILDIR),
  missing: `the real SES bounce and complaint notifications (${SISIMAI}) are not on this machine`,
  atLeast: 5,
  samples: sisimaiSamples,
  listed: [
    ['bounce@simulator.amazonses.com', 'bounce'],
    ['complaint@simulator.amazonses.com', 'complaint'],
  ],
  notListed: ['success@simulator.amazonses.com'],
};

/** Our own samples always; the real ones when ../shared/corpora is on this machine. */
export const sesFeedbackSources: readonly SesFeedbackSource[] = [ownFixtures, sisimaiCorpus];

/** A describe or test title that says why a source is skipped. */
export const titleFor = (source: SesFeedbackSource, what: string): string =>
  `${what} (${source.name})${source.present ? '' : `: skipped, ${source.missing}`}`;

/**
 * Every `lhost-amazonses` file whose body is an SES notification (an SNS message mailed to a
 * subscriber, as JSON or inside SNS's own JSON envelope), with its expectation. Sendmail split
 * the notifications' long lines (`!` + newline + space at 990 characters), which is undone here.
 * sisimai's reasons map onto ours: `delivered` is refused, `feedback` is a complaint whose type
 * is sisimai's `anotherone`, anything else a bounce with sisimai's status.
 */
function sisimaiSamples(): SesFeedbackSample[] {
  type Expected = { reason: string; status: string; anotherone: string };
  const expectations = JSON.parse(readFileSync(join(SISIMAI, 'EXPECTATIONS.helper-extracted.json'), 'utf8')) as Record<
    string,
    { recipients: Expected[] }
  >;
  return Object.entries(expectations)
    .filter(([path]) => path.includes('/lhost-amazonses-'))
    .flatMap(([path, { recipients }]) => {
      const file = path.split('/').at(-1) ?? path;
      const record = notificationIn(readFileSync(join(MAILDIR, file), 'utf8'));
      const first = recipients[0];
      if (record === undefined || first === undefined) return [];
      const expected: FeedbackReading =
        first.reason === 'delivered'
          ? { outcome: 'refused' }
          : first.reason === 'feedback'
            ? { outcome: 'complaint', feedbackType: first.anotherone }
            : { outcome: 'bounce', status: first.status };
      return [{ file, record, expected }];
    });
}

function notificationIn(eml: string): Record<string, unknown> | undefined {
  const body =
    eml
      .slice(eml.search(/\r?\n\r?\n/))
      .replace(/!\r?\n /g, '')
      .split(/\r?\n\r?\n--\r?\n/)[0]
      ?.trim() ?? '';
  if (!body.startsWith('{')) return undefined;
  return unwrapSns(JSON.parse(body) as Record<string, unknown>);
}

/** SNS wraps the SES notification in its own envelope, as a JSON string in `Message`. */
function unwrapSns(parsed: Record<string, unknown>): Record<string, unknown> {
  return typeof parsed.Message === 'string' ? (JSON.parse(parsed.Message) as Record<string, unknown>) : parsed;
}

/** A record as EventBridge delivers it from a configuration set's event destination. */
export function asEventBridgeEvent(record: Record<string, unknown>): Record<string, unknown> {
  const kind = record.eventType ?? record.notificationType;
  return {
    version: '0',
    id: 'corpus',
    'detail-type':
      kind === 'Complaint' ? 'Email Complaint Received' : kind === 'Bounce' ? 'Email Bounced' : `Email ${String(kind)}`,
    source: 'aws.ses',
    detail: record,
  };
}
