import { Duration } from 'aws-cdk-lib';
import { AlarmStatusWidget, GraphWidget, type IAlarm, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { METRIC, SERVICE } from '../../functions/config/observability.ts';
import { SUPPRESSION_REASONS } from '../../functions/core/suppression.ts';
import { breachRate, mailcaseMetric, ratingMetrics, sesReputationMetric } from './monitoring-metrics.ts';

const WIDE = 12;
const DAY = Duration.days(1);
const FIVE_MINUTES = Duration.minutes(5);

/** Lines drawn on the graphs: where SES reviews and may pause an account, and where the breach-rate alarm fires. */
export interface DashboardThresholds {
  readonly bounceRate: { readonly review: number; readonly pause: number };
  readonly complaintRate: { readonly review: number; readonly pause: number };
  readonly breachRate: number;
}

/** What the dashboard shows, row by row: mail and cases, response times and targets, customers, sending, functions, queues. */
export function dashboardRows(input: {
  functions: ReadonlyArray<{ label: string; fn: IFunction }>;
  queues: ReadonlyArray<{ label: string; queue: IQueue }>;
  alarms: readonly IAlarm[];
  thresholds: DashboardThresholds;
}): IWidget[][] {
  const { functions, queues, thresholds } = input;
  const inbound = (name: string, label: string) => mailcaseMetric(name, SERVICE.inbound, { label });
  const checks = (name: string, label: string) => mailcaseMetric(name, SERVICE.slaChecks, { label });
  const time = (name: string, statistic: string) =>
    mailcaseMetric(name, SERVICE.inbound, { statistic, label: `${statistic} (seconds)` });
  return [
    [new AlarmStatusWidget({ title: 'Alarms', alarms: [...input.alarms], width: 24, height: 3 })],
    [
      new GraphWidget({
        title: 'Mail taken in (per hour)',
        width: WIDE,
        left: [
          inbound(METRIC.casesOpened, 'cases opened'),
          inbound(METRIC.casesUpdated, 'cases updated'),
          inbound(METRIC.mailQuarantined, 'quarantined'),
          inbound(METRIC.mailIgnored, 'ignored'),
          inbound(METRIC.bounces, 'bounces filed in a case'),
        ],
      }),
      new GraphWidget({
        title: 'First response and resolution time',
        width: WIDE,
        left: [time(METRIC.firstResponseTime, 'p50'), time(METRIC.firstResponseTime, 'p90')],
        right: [time(METRIC.resolutionTime, 'p50'), time(METRIC.resolutionTime, 'p90')],
        leftYAxis: { label: 'first response', showUnits: false },
        rightYAxis: { label: 'resolution', showUnits: false },
      }),
    ],
    [
      new GraphWidget({
        title: 'Response-time targets (per hour)',
        width: WIDE,
        left: [checks(METRIC.slaWarnings, 'warnings'), checks(METRIC.slaBreaches, 'breaches')],
        right: [breachRate(DAY)],
        rightAnnotations: [{ value: thresholds.breachRate, label: 'breach-rate alarm' }],
      }),
      new GraphWidget({
        title: 'Pending cases followed up (per hour)',
        width: WIDE,
        left: [checks(METRIC.followUpNudges, 'nudges'), checks(METRIC.casesAutoSolved, 'solved automatically')],
      }),
    ],
    [
      new GraphWidget({ title: 'Survey ratings by answer (per day)', width: WIDE, left: ratingMetrics(DAY) }),
      new GraphWidget({
        title: 'Sending: failures and suppressed recipients (per hour)',
        width: WIDE,
        left: [
          mailcaseMetric(METRIC.sendFailures, SERVICE.inbound, { label: 'send failures (inbound)' }),
          mailcaseMetric(METRIC.sendFailures, SERVICE.slaChecks, { label: 'send failures (checks)' }),
        ],
        right: SUPPRESSION_REASONS.map((reason) =>
          mailcaseMetric(METRIC.recipientsSuppressed, SERVICE.suppression, {
            dimensions: { reason },
            label: `suppressed: ${reason}`,
          }),
        ),
      }),
    ],
    [
      new GraphWidget({
        title: 'SES bounce rate (account)',
        width: WIDE,
        left: [sesReputationMetric('Reputation.BounceRate')],
        leftAnnotations: [
          { value: thresholds.bounceRate.review, label: 'SES reviews' },
          { value: thresholds.bounceRate.pause, label: 'SES may pause sending' },
        ],
      }),
      new GraphWidget({
        title: 'SES complaint rate (account)',
        width: WIDE,
        left: [sesReputationMetric('Reputation.ComplaintRate')],
        leftAnnotations: [
          { value: thresholds.complaintRate.review, label: 'SES reviews' },
          { value: thresholds.complaintRate.pause, label: 'SES may pause sending' },
        ],
      }),
    ],
    [
      new GraphWidget({
        title: 'Function errors',
        width: 8,
        left: functions.map(({ label, fn }) => fn.metricErrors({ period: FIVE_MINUTES, label })),
      }),
      new GraphWidget({
        title: 'Function throttles',
        width: 8,
        left: functions.map(({ label, fn }) => fn.metricThrottles({ period: FIVE_MINUTES, label })),
      }),
      new GraphWidget({
        title: 'Function duration p90 (ms)',
        width: 8,
        left: functions.map(({ label, fn }) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p90', label })),
      }),
    ],
    [
      new GraphWidget({
        title: 'Queue depths (messages visible)',
        width: 24,
        left: queues.map(({ label, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label }),
        ),
      }),
    ],
  ];
}
