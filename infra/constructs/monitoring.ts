import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Dashboard, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { dashboardRows } from './monitoring-dashboard.ts';
import { breachRate, sesReputationMetric } from './monitoring-metrics.ts';

/**
 * SES reviews an account whose bounce rate reaches 5% and may pause its sending at 10%; for
 * complaints the marks are 0.1% and 0.5% (SES Developer Guide, "Reputation metrics messages";
 * AWS re:Post, "Why is my Amazon SES sending account under review or paused?"). The metrics are
 * shares between 0 and 1 ("Creating reputation monitoring alarms using CloudWatch").
 */
export const SES_BOUNCE_RATE = { review: 0.05, pause: 0.1 } as const;
export const SES_COMPLAINT_RATE = { review: 0.001, pause: 0.005 } as const;

/**
 * One breach for every ten cases opened in a day. A team that keeps nine cases in ten inside their
 * targets is doing what the targets ask; past that, breaches are a staffing or target problem for a
 * person to look at, not a slow afternoon. Each breach is mailed to the supervisor as it happens;
 * this alarm is about the day's trend.
 */
export const DEFAULT_BREACH_RATE_THRESHOLD = 0.1;

/** Errors and queue depths are judged over five minutes: soon enough to act, long enough to count one failure once. */
const SHORT_PERIOD = Duration.minutes(5);
/** SES measures its rates over a representative volume of mail, not a clock: hourly is fine-grained enough. */
const REPUTATION_PERIOD = Duration.hours(1);

/** A function whose errors alarm, and whose errors, throttles and duration are graphed. */
export interface MonitoredFunction {
  /** Its name on the dashboard, e.g. `inbound`. */
  readonly label: string;
  readonly fn: IFunction;
}

/** A queue whose depth is graphed; a dead-letter queue also alarms at its first message. */
export interface MonitoredQueue {
  readonly label: string;
  readonly queue: IQueue;
  /** What a message here means and what to do; set for dead-letter queues. @default not alarmed */
  readonly deadLetter?: string;
}

export interface MonitoringProps {
  readonly functions: readonly MonitoredFunction[];
  readonly queues: readonly MonitoredQueue[];
  /** Subscribed to the alarm topic (SNS asks the address to confirm). @default no subscription */
  readonly alarmEmail?: string;
  /** Share of response-time breaches per case opened in a day above which the breach-rate alarm fires. @default DEFAULT_BREACH_RATE_THRESHOLD (0.1) */
  readonly breachRateThreshold?: number;
}

/**
 * What a person watching the pipeline needs: a CloudWatch dashboard of cases, response times,
 * targets, ratings, sending and the functions and queues behind them; alarms on dead-letter queues,
 * function errors, the day's breach rate and SES's bounce and complaint rates; and an encrypted SNS
 * topic every alarm notifies (optionally mailed to `alarmEmail`).
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const breachRateThreshold = props.breachRateThreshold ?? DEFAULT_BREACH_RATE_THRESHOLD;

    // CloudWatch can publish to an encrypted topic only with a customer managed key it may use.
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the alarm notifications of the support pipeline',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Support pipeline alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const alarm = (
      id: string,
      description: string,
      metric: IMetric,
      threshold: number,
      options: { comparison?: ComparisonOperator; missing?: TreatMissingData } = {},
    ) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // Most metrics here are only published when something happens: no data is good news.
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
      });

    const alarms = [
      ...props.queues.flatMap(({ label, queue, deadLetter }) =>
        deadLetter === undefined
          ? []
          : [
              alarm(
                `${pascal(label)}DepthAlarm`,
                deadLetter,
                queue.metricApproximateNumberOfMessagesVisible({ period: SHORT_PERIOD, statistic: 'Maximum' }),
                1,
              ),
            ],
      ),
      ...props.functions.map(({ label, fn }) =>
        alarm(
          `${pascal(label)}ErrorAlarm`,
          `The ${label} function is failing: see its logs.`,
          fn.metricErrors({ period: SHORT_PERIOD, statistic: 'Sum' }),
          1,
        ),
      ),
      alarm(
        'BreachRateAlarm',
        `More than ${breachRateThreshold * 100}% response-time breaches per case opened today: check staffing and targets.`,
        breachRate(),
        breachRateThreshold,
        { comparison: ComparisonOperator.GREATER_THAN_THRESHOLD },
      ),
      // SES publishes its rates only once there was a bounce or complaint, then as it measures them:
      // a gap says nothing about the rate, so the alarm keeps its state through one.
      alarm(
        'BounceRateAlarm',
        `SES bounce rate reached ${SES_BOUNCE_RATE.review * 100}%: SES reviews the account now and may pause sending at ${SES_BOUNCE_RATE.pause * 100}%. Check the suppression list and who we write to.`,
        sesReputationMetric('Reputation.BounceRate', REPUTATION_PERIOD),
        SES_BOUNCE_RATE.review,
        { missing: TreatMissingData.IGNORE },
      ),
      alarm(
        'ComplaintRateAlarm',
        `SES complaint rate reached ${SES_COMPLAINT_RATE.review * 100}%: SES reviews the account now and may pause sending at ${SES_COMPLAINT_RATE.pause * 100}%. Check what we send automatically.`,
        sesReputationMetric('Reputation.ComplaintRate', REPUTATION_PERIOD),
        SES_COMPLAINT_RATE.review,
        { missing: TreatMissingData.IGNORE },
      ),
    ];
    const notify = new SnsAction(this.topic);
    for (const a of alarms) {
      a.addAlarmAction(notify);
      a.addOkAction(notify);
    }
    this.alarms = alarms;

    this.dashboard = new Dashboard(this, 'Dashboard', {
      widgets: dashboardRows({
        functions: props.functions,
        queues: props.queues,
        alarms,
        thresholds: { bounceRate: SES_BOUNCE_RATE, complaintRate: SES_COMPLAINT_RATE, breachRate: breachRateThreshold },
      }),
    });
  }
}

/** `sla dead letters` → `SlaDeadLetters`, for construct ids. */
function pascal(label: string): string {
  return label.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());
}
