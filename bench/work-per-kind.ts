import { EXPECTED_OUTCOME, MAIL_KINDS, type MailKind } from './mail-mix.ts';
import { sumCounts, type Counts } from './sdk-counters.ts';
import { round } from './stats.ts';
import type { MailRecord } from './throughput.ts';

/** What one mail of a kind asked of AWS, on average, counted on the handler's clients. */
export interface KindWork {
  readonly mails: number;
  /** False when the handler does not (yet) treat this kind as what it is; then no figures are given. */
  readonly handled: boolean;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly dynamoDbRequests?: number;
  readonly dynamoDbRcu?: number;
  readonly dynamoDbWcu?: number;
  readonly dynamoDbOperations?: Readonly<Record<string, number>>;
  readonly s3Gets?: number;
  readonly s3Puts?: number;
  readonly sqsRequests?: number;
  readonly sesSends?: number;
  readonly sesRecipients?: number;
  /** HTTP attempts above the calls: retries (billed like requests). */
  readonly retries?: number;
  /** Wall time inside SDK calls, by service, and with any call in flight (waiting on the emulators). */
  readonly sdkMs?: Readonly<Record<string, number>>;
  /** The mean counts themselves, for the cost model. */
  readonly counts?: Counts;
}

/**
 * Work per mail by kind, from mails handled one at a time (so every call belongs to one mail). A
 * kind counts only the mails whose outcome is the one it should get; the rest are reported as
 * outcomes, so a kind the handler does not support yet shows as such instead of as numbers.
 */
export function workPerKind(records: readonly MailRecord[]): Partial<Record<MailKind, KindWork>> {
  const result: Partial<Record<MailKind, KindWork>> = {};
  for (const kind of MAIL_KINDS) {
    const ofKind = records.filter((r) => r.kind === kind);
    if (ofKind.length === 0) continue;
    const outcomes: Record<string, number> = {};
    for (const r of ofKind) outcomes[r.outcome ?? 'no outcome'] = (outcomes[r.outcome ?? 'no outcome'] ?? 0) + 1;
    const handled = ofKind.filter((r) => r.outcome === EXPECTED_OUTCOME[kind] && r.work !== undefined);
    if (handled.length === 0) {
      result[kind] = { mails: ofKind.length, handled: false, outcomes };
      continue;
    }
    const total = sumCounts(handled.flatMap((r) => (r.work === undefined ? [] : [r.work])));
    const mean = Object.fromEntries(Object.entries(total).map(([k, v]) => [k, v / handled.length]));
    const m = (key: string) => round(mean[key] ?? 0, 2);
    const services = ['DynamoDB', 'S3', 'SES', 'SQS'];
    result[kind] = {
      mails: ofKind.length,
      handled: true,
      outcomes,
      dynamoDbRequests: m('DynamoDB'),
      dynamoDbRcu: m('DynamoDB.RCU'),
      dynamoDbWcu: m('DynamoDB.WCU'),
      dynamoDbOperations: Object.fromEntries(
        Object.keys(mean)
          .filter((k) => /^DynamoDB\.[A-Z]\w+$/.test(k) && !/\.(RCU|WCU)$/.test(k) && (mean[k] ?? 0) > 0)
          .map((k) => [k.slice('DynamoDB.'.length), m(k)]),
      ),
      s3Gets: round(m('S3') - m('S3.PutObject'), 2),
      s3Puts: m('S3.PutObject'),
      sqsRequests: m('SQS'),
      sesSends: m('SES'),
      sesRecipients: m('SES.recipients'),
      retries: round(
        services.reduce((n, s) => n + m(`${s}.attempts`) - m(s), 0),
        2,
      ),
      sdkMs: Object.fromEntries([
        ...services.filter((s) => (mean[`${s}.ms`] ?? 0) > 0).map((s) => [s, m(`${s}.ms`)]),
        ['any call in flight', m('sdk.busyMs')],
      ]),
      counts: mean,
    };
  }
  return result;
}
