import type { KindCpu } from './cpu-floor.ts';
import { MAIL_KINDS, type MailKind } from './mail-mix.ts';
import type { Counts } from './sdk-counters.ts';
import type { KindWork } from './work-per-kind.ts';

/**
 * AWS list prices in USD, assumed as of 2026-11, US East (N. Virginia) unless said otherwise;
 * other regions (our default is eu-west-1) differ by a few percent for some services. Free tiers,
 * storage, logs and data transfer are left out: they do not scale with each mail the way these do.
 */
export const PRICES = {
  /** aws.amazon.com/lambda/pricing: Arm, first 7.5 billion GB-seconds a month. */
  lambdaArmPerGbSecond: 0.0000133334,
  /** aws.amazon.com/lambda/pricing: $0.20 per million requests. */
  lambdaPerRequest: 0.2 / 1e6,
  /** aws.amazon.com/dynamodb/pricing/on-demand: $0.625 per million write request units (after the 2024-11-01 halving). */
  dynamoDbPerWriteRequestUnit: 0.625 / 1e6,
  /**
   * Same page: $0.125 per million read request units. DynamoDB Local reports no units for keys
   * that are absent (most of a new case's BatchGet), so reads may be undercounted by about one
   * unit per absent key: a fraction of a cent per 10,000 cases.
   */
  dynamoDbPerReadRequestUnit: 0.125 / 1e6,
  /** aws.amazon.com/s3/pricing, S3 Standard: $0.005 per 1,000 PUT, COPY, POST, LIST requests. */
  s3PerPut: 0.005 / 1000,
  /** Same page: $0.0004 per 1,000 GET and other requests. */
  s3PerGet: 0.0004 / 1000,
  /** aws.amazon.com/ses/pricing, à la carte (AWS Price List API, AmazonSES us-east-1, published 2026-07-22): $0.10 per 1,000 mails received. */
  sesPerMailReceived: 0.1 / 1000,
  /** Same: $0.09 per 1,000 incoming mail chunks of 256 KB. */
  sesPerIncomingChunk: 0.09 / 1000,
  /** Same: $0.10 per 1,000 outbound recipients (the Essentials plan, default for new accounts since 2026-07-21, charges $0.16). */
  sesPerOutboundRecipient: 0.1 / 1000,
  /** aws.amazon.com/sqs/pricing, standard queues: $0.40 per million requests (of 64 KB). */
  sqsPerRequest: 0.4 / 1e6,
} as const;

/** The construct's default memory size (infra/constructs/inbound-function.ts), in GB as Lambda bills it. */
const LAMBDA_MEMORY_GB = 1024 / 1024;
/** SES bills received mail in chunks of this size. */
const SES_INCOMING_CHUNK_BYTES = 256 * 1024;

export interface MailCostInput {
  /** The handler's SDK calls for one mail, as counted (means per mail are fine). */
  readonly work: Counts;
  /** Size of the received message. */
  readonly rawBytes: number;
  /** Billed duration of the invocation. */
  readonly durationMs: number;
}

export type CostBreakdown = Readonly<
  Record<'lambda' | 'dynamoDb' | 's3' | 'sesReceiving' | 'sesSending' | 'sqs' | 'total', number>
>;

/**
 * Dollars for one mail: one Lambda invocation of the measured duration at 1024 MB on Arm, the
 * DynamoDB request units consumed, S3 requests (the handler's plus the PUT of SES's S3 action), SES
 * receiving (per mail and per 256 KB chunk) and sending (per recipient), and SQS requests.
 */
export function costOfMail(input: MailCostInput): CostBreakdown {
  const w = (key: string) => input.work[key] ?? 0;
  const lambda =
    PRICES.lambdaPerRequest + (Math.ceil(input.durationMs) / 1000) * LAMBDA_MEMORY_GB * PRICES.lambdaArmPerGbSecond;
  const dynamoDb =
    w('DynamoDB.WCU') * PRICES.dynamoDbPerWriteRequestUnit + w('DynamoDB.RCU') * PRICES.dynamoDbPerReadRequestUnit;
  const s3Puts = w('S3.PutObject') + 1;
  const s3 = s3Puts * PRICES.s3PerPut + (w('S3') - w('S3.PutObject')) * PRICES.s3PerGet;
  const sesReceiving =
    PRICES.sesPerMailReceived + Math.ceil(input.rawBytes / SES_INCOMING_CHUNK_BYTES) * PRICES.sesPerIncomingChunk;
  const sesSending = w('SES.recipients') * PRICES.sesPerOutboundRecipient;
  const sqs = w('SQS') * PRICES.sqsPerRequest;
  return {
    lambda,
    dynamoDb,
    s3,
    sesReceiving,
    sesSending,
    sqs,
    total: lambda + dynamoDb + s3 + sesReceiving + sesSending + sqs,
  };
}

export interface CostReport {
  /** The prices used, so the JSON carries them. */
  readonly prices: typeof PRICES;
  /** Dollars per 10,000 mails of each kind the handler handles. */
  readonly per10kMails: Partial<Record<MailKind, CostBreakdown>>;
  /** Dollars per 10,000 new cases (the mix of plain, HTML and attachment mails). */
  readonly per10kCases?: CostBreakdown;
  /** The same with one customer reply and one agent reply per case, when both are handled. */
  readonly per10kCasesWithTwoReplies?: CostBreakdown;
}

/** Per-kind cost from the counted work (one at a time), the measured durations and the mail sizes. */
export function costReport(
  work: Partial<Record<MailKind, KindWork>>,
  cpu: Partial<Record<MailKind, KindCpu>>,
  rawBytes: Partial<Record<MailKind, number>>,
): CostReport {
  const per10kMails: Partial<Record<MailKind, CostBreakdown>> = {};
  for (const kind of MAIL_KINDS) {
    const [w, durationMs] = [work[kind], cpu[kind]?.handlerWallMs];
    if (w?.handled !== true || w.counts === undefined || durationMs === undefined) continue;
    per10kMails[kind] = scale(costOfMail({ work: w.counts, rawBytes: rawBytes[kind] ?? 0, durationMs }), 10_000);
  }
  const newCases = (['plain', 'html', 'attachments'] as const).flatMap((k) => {
    const cost = per10kMails[k];
    return cost === undefined ? [] : [{ cost, weight: work[k]?.mails ?? 0 }];
  });
  const weights = newCases.reduce((n, c) => n + c.weight, 0);
  if (weights === 0) return { prices: PRICES, per10kMails };
  const per10kCases = newCases.reduce<CostBreakdown>(
    (sum, c) => add(sum, scale(c.cost, c.weight / weights)),
    scale(newCases[0]?.cost ?? ZERO, 0),
  );
  const [reply, answer] = [per10kMails['customer-reply'], per10kMails['agent-reply']];
  return {
    prices: PRICES,
    per10kMails,
    per10kCases,
    ...(reply && answer ? { per10kCasesWithTwoReplies: add(per10kCases, add(reply, answer)) } : {}),
  };
}

const ZERO: CostBreakdown = { lambda: 0, dynamoDb: 0, s3: 0, sesReceiving: 0, sesSending: 0, sqs: 0, total: 0 };

function scale(c: CostBreakdown, f: number): CostBreakdown {
  return {
    lambda: c.lambda * f,
    dynamoDb: c.dynamoDb * f,
    s3: c.s3 * f,
    sesReceiving: c.sesReceiving * f,
    sesSending: c.sesSending * f,
    sqs: c.sqs * f,
    total: c.total * f,
  };
}

function add(a: CostBreakdown, b: CostBreakdown): CostBreakdown {
  return {
    lambda: a.lambda + b.lambda,
    dynamoDb: a.dynamoDb + b.dynamoDb,
    s3: a.s3 + b.s3,
    sesReceiving: a.sesReceiving + b.sesReceiving,
    sesSending: a.sesSending + b.sesSending,
    sqs: a.sqs + b.sqs,
    total: a.total + b.total,
  };
}
