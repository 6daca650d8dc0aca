import { checkTraffic, REALISTIC_CASE, type CheckTraffic } from './check-hops.ts';
import { PRICES, type CostReport } from './cost.ts';

/**
 * List prices beyond the per-mail ones in cost.ts (USD, US East (N. Virginia), looked up 2026-12-07;
 * free tiers left out, as in cost.ts, so small volumes are shown at what they would cost without them).
 */
export const MONTHLY_PRICES = {
  /** aws.amazon.com/eventbridge/pricing: Scheduler, $1.00 per million invocations (about 14 million a month are free). */
  schedulerPerInvocation: 1 / 1e6,
  /** aws.amazon.com/kms/pricing: $1 per customer managed key a month (the alarm topic's key). */
  kmsKeyPerMonth: 1,
  /** aws.amazon.com/secrets-manager/pricing: $0.40 per secret a month (the reply-token key). */
  secretPerMonth: 0.4,
  /** Same page: $0.05 per 10,000 API calls (a GetSecretValue per cold start). */
  secretPerCall: 0.05 / 10_000,
  /** aws.amazon.com/cloudwatch/pricing: $0.10 per standard-resolution alarm metric a month. */
  alarmPerMonth: 0.1,
  /** Same page: $3.00 per custom dashboard a month (the first three of an account are free). */
  dashboardPerMonth: 3,
  /** Same page: Logs ingestion, $0.50 per GB (Standard log class). */
  logIngestionPerGb: 0.5,
  /** Same page: Logs archive storage, $0.03 per GB a month. */
  logStoragePerGbMonth: 0.03,
} as const;

/** The stack's fixed parts: one KMS key, one secret, its alarms (Monitoring), one dashboard. */
const STACK = { kmsKeys: 1, secrets: 1, alarms: 10, dashboards: 1 } as const;
/** Logs are kept three months (mail-function.ts, RetentionDays.THREE_MONTHS). */
const LOG_RETENTION_MONTHS = 3;
/** Log bytes per invocation: a Powertools JSON line or two plus Lambda's START/END/REPORT; an assumption, about 1 KB. */
const LOG_BYTES_PER_INVOCATION = 1024;
/** A cold start reads the secret once; at steady load about one invocation in a hundred starts a container (assumption). */
const COLD_STARTS_PER_INVOCATION = 0.01;
/** The consumer handling one check: 512 MB (sla-checks.ts), about 20 ms billed (assumption; it reads one item, usually sends nothing). */
const CHECK_LAMBDA_GB_SECONDS = 0.5 * 0.02;
/** Each delivery's strongly consistent read of the case item (up to 8 KB): 2 read units. */
const CHECK_READ_UNITS = 2;
/** SQS requests per delivery: the send (ours or Scheduler's), the receive and the delete. */
const SQS_REQUESTS_PER_DELIVERY = 3;
/** A survey vote: the survey function (1024 MB, about 50 ms billed, assumption), a read and two writes of a few units. */
const SURVEY_VOTE = { gbSeconds: 1 * 0.05, readUnits: 1, writeUnits: 4 } as const;

/** Monthly volumes the table is printed at. */
export const CASES_PER_MONTH = [1_000, 10_000, 100_000] as const;

export interface CaseCostLine {
  readonly casesPerMonth: number;
  /** Mail handled by the inbound function: the new case, two customer replies, two agent answers. */
  readonly mail: number;
  /** Outbound mail beyond what the measured kinds sent: the closing mail. */
  readonly closing: number;
  readonly surveyVote: number;
  /** Timed checks with one delivery each (Scheduler), and the same case's checks as hops (before). */
  readonly checks: number;
  readonly checksAsHops: number;
  readonly logs: number;
  /** KMS key, secret, alarms, dashboard: the same whatever the volume. */
  readonly fixed: number;
  readonly total: number;
  /** What the total would be with the hop design (checksAsHops instead of checks). */
  readonly totalWithHops: number;
}

export interface CaseCostReport {
  readonly prices: typeof MONTHLY_PRICES;
  readonly traffic: CheckTraffic;
  readonly perCase: { readonly mail: number; readonly invocations: number };
  readonly lines: readonly CaseCostLine[];
}

/**
 * Dollars a month for a realistic case (REALISTIC_CASE: acknowledgement and team notification,
 * two customer replies, two agent answers, the closing mail, one survey vote, its checks) at each
 * volume, from the measured per-mail costs, plus the stack's fixed monthly costs. Undefined when the
 * run measured no new case or no replies.
 */
export function caseCostReport(cost: CostReport): CaseCostReport | undefined {
  const [newCase, reply, answer] = [
    cost.per10kCases,
    cost.per10kMails['customer-reply'],
    cost.per10kMails['agent-reply'],
  ];
  if (newCase === undefined || reply === undefined || answer === undefined) return undefined;
  const traffic = checkTraffic(REALISTIC_CASE);
  const mail = (newCase.total + 2 * reply.total + 2 * answer.total) / 10_000;
  const closing = PRICES.sesPerOutboundRecipient;
  const surveyVote =
    PRICES.lambdaPerRequest +
    SURVEY_VOTE.gbSeconds * PRICES.lambdaArmPerGbSecond +
    SURVEY_VOTE.readUnits * PRICES.dynamoDbPerReadRequestUnit +
    SURVEY_VOTE.writeUnits * PRICES.dynamoDbPerWriteRequestUnit;
  const delivery =
    SQS_REQUESTS_PER_DELIVERY * PRICES.sqsPerRequest +
    PRICES.lambdaPerRequest +
    CHECK_LAMBDA_GB_SECONDS * PRICES.lambdaArmPerGbSecond +
    CHECK_READ_UNITS * PRICES.dynamoDbPerReadRequestUnit;
  const checks = traffic.deliveriesAfter * (delivery + MONTHLY_PRICES.schedulerPerInvocation);
  const checksAsHops = traffic.hopsBefore * delivery;
  // Invocations with logs: five mails, the survey vote, and each check delivered.
  const invocations = 5 + 1 + traffic.deliveriesAfter;
  const logGb = (invocations * LOG_BYTES_PER_INVOCATION) / 1024 ** 3;
  const logs =
    logGb * (MONTHLY_PRICES.logIngestionPerGb + LOG_RETENTION_MONTHS * MONTHLY_PRICES.logStoragePerGbMonth) +
    invocations * COLD_STARTS_PER_INVOCATION * MONTHLY_PRICES.secretPerCall;
  const fixed =
    STACK.kmsKeys * MONTHLY_PRICES.kmsKeyPerMonth +
    STACK.secrets * MONTHLY_PRICES.secretPerMonth +
    STACK.alarms * MONTHLY_PRICES.alarmPerMonth +
    STACK.dashboards * MONTHLY_PRICES.dashboardPerMonth;
  const perCase = mail + closing + surveyVote + checks + logs;
  const lines = CASES_PER_MONTH.map((n) => ({
    casesPerMonth: n,
    mail: mail * n,
    closing: closing * n,
    surveyVote: surveyVote * n,
    checks: checks * n,
    checksAsHops: checksAsHops * n,
    logs: logs * n,
    fixed,
    total: perCase * n + fixed,
    totalWithHops: (perCase - checks + checksAsHops) * n + fixed,
  }));
  return { prices: MONTHLY_PRICES, traffic, perCase: { mail: 5, invocations }, lines };
}
