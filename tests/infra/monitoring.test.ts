import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { Function as LambdaFunction, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { METRIC, METRICS_NAMESPACE, observability, SERVICE } from '../../functions/config/observability.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { Monitoring } from '../../infra/constructs/monitoring.ts';
import type { SupportStack } from '../../infra/support-stack.ts';
import { NO_BUNDLING, synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

/** A dashboard series as CloudWatch reads it: namespace, metric, dimension name/value pairs, then options. */
type Series = [
  string,
  string,
  ...Array<string | { stat?: string; period?: number; label?: string; expression?: string }>,
];

describe('monitoring on AWS: dashboard, alarms and where they go', () => {
  let template: Template;
  let stack: SupportStack;
  let series: Series[];
  const resolve = (token: string) => stack.resolve(token) as unknown;
  const ref = (token: string) => placeholder(resolve(token));

  beforeAll(() => {
    // Prepare, Act
    ({ template, stack } = synthesizeSupportStack({
      ...NO_BUNDLING,
      support: { ...TEST_SUPPORT_CONTEXT, alarmEmail: 'ops@example.org' },
    }));
    series = dashboardSeries(template);
  });

  it('graphs cases, times, targets, follow-ups, ratings and sending, each named exactly as the functions publish it', () => {
    // Prepare: what each function emits through Powertools, captured as the EMF line CloudWatch reads
    const published = [
      emitted(SERVICE.inbound, METRIC.casesOpened),
      emitted(SERVICE.inbound, METRIC.casesUpdated),
      emitted(SERVICE.inbound, METRIC.mailQuarantined),
      emitted(SERVICE.inbound, METRIC.mailIgnored),
      emitted(SERVICE.inbound, METRIC.bounces),
      emitted(SERVICE.inbound, METRIC.firstResponseTime),
      emitted(SERVICE.inbound, METRIC.resolutionTime),
      emitted(SERVICE.inbound, METRIC.sendFailures),
      emitted(SERVICE.slaChecks, METRIC.sendFailures),
      emitted(SERVICE.slaChecks, METRIC.slaWarnings),
      emitted(SERVICE.slaChecks, METRIC.slaBreaches),
      emitted(SERVICE.slaChecks, METRIC.followUpNudges),
      emitted(SERVICE.slaChecks, METRIC.casesAutoSolved),
      ...['great', 'okay', 'not-good'].map((answer) => emitted(SERVICE.survey, METRIC.surveyRatings, { answer })),
      ...['bounce', 'complaint'].map((reason) => emitted(SERVICE.suppression, METRIC.recipientsSuppressed, { reason })),
    ];

    // Assess: every one is on the dashboard under the same namespace, name and dimensions
    const graphed = new Set(series.map(identity));
    for (const p of published) expect(graphed, p).toContain(p);
    expect(statsOf(METRIC.firstResponseTime)).toEqual(['p50', 'p90']);
    expect(statsOf(METRIC.resolutionTime)).toEqual(['p50', 'p90']);
    expect(
      series.some((s) =>
        s.some((part) => typeof part === 'object' && part.expression === 'FILL(breaches, 0) / opened'),
      ),
    ).toBe(true);
  });

  it("graphs SES's bounce and complaint rates, each function's errors, throttles and duration, and every queue's depth", () => {
    const graphed = new Set(series.map(identity));
    expect(graphed).toContain('AWS/SES|Reputation.BounceRate|');
    expect(graphed).toContain('AWS/SES|Reputation.ComplaintRate|');
    for (const fn of [
      stack.inbound.fn,
      stack.slaChecks.consumer,
      stack.survey.fn,
      stack.suppression.fn,
      stack.reportMail.fn,
    ]) {
      for (const metric of ['Errors', 'Throttles', 'Duration'])
        expect(graphed, `${metric} of ${fn.node.path}`).toContain(
          `AWS/Lambda|${metric}|FunctionName=${ref(fn.functionName)}`,
        );
    }
    for (const queue of [
      stack.slaChecks.queue,
      stack.slaChecks.deadLetterQueue,
      stack.inbound.failedMail,
      stack.suppression.failedEvents,
    ]) {
      expect(graphed, queue.node.path).toContain(
        `AWS/SQS|ApproximateNumberOfMessagesVisible|QueueName=${ref(queue.queueName)}`,
      );
    }
  });

  it('alarms at the first message on each dead-letter queue: failed mail, failed checks, failed suppressions', () => {
    for (const queue of [stack.inbound.failedMail, stack.slaChecks.deadLetterQueue, stack.suppression.failedEvents]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: resolve(queue.queueName) }],
        Statistic: 'Maximum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topicId() }],
      });
    }
  });

  it('alarms on errors of every function', () => {
    for (const fn of [
      stack.inbound.fn,
      stack.slaChecks.consumer,
      stack.survey.fn,
      stack.suppression.fn,
      stack.reportMail.fn,
    ]) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: resolve(fn.functionName) }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topicId() }],
      });
    }
  });

  it('alarms when response-time breaches exceed a tenth of the cases opened in a day', () => {
    const perDay = (name: string, service: string) => ({
      Metric: { Namespace: METRICS_NAMESPACE, MetricName: name, Dimensions: [{ Name: 'service', Value: service }] },
      Period: 86400,
      Stat: 'Sum',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(breaches, 0) / opened', ReturnData: true }),
        { Id: 'breaches', MetricStat: perDay(METRIC.slaBreaches, SERVICE.slaChecks), ReturnData: false },
        { Id: 'opened', MetricStat: perDay(METRIC.casesOpened, SERVICE.inbound), ReturnData: false },
      ]),
      Threshold: 0.1,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId() }],
    });
  });

  it('alarms where SES starts reviewing the account: a 5% bounce rate, a 0.1% complaint rate', () => {
    for (const [metric, threshold] of [
      ['Reputation.BounceRate', 0.05],
      ['Reputation.ComplaintRate', 0.001],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metric,
        Dimensions: Match.absent(),
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'ignore',
        AlarmActions: [{ Ref: topicId() }],
      });
    }
  });

  it('sends every alarm, and its recovery, to one topic encrypted with a rotated key CloudWatch may use, over TLS only, mailed to alarmEmail', () => {
    // Assess: eleven alarms (one more for the report mail function), all to the topic
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(11);
    for (const alarm of alarms)
      expect([alarm.Properties.AlarmActions, alarm.Properties.OKActions]).toEqual([
        [{ Ref: topicId() }],
        [{ Ref: topicId() }],
      ]);
    const topic = template.findResources('AWS::SNS::Topic')[topicId()];
    expect(topic).toBeDefined();
    const [keyId] = (topic!.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
    template.hasResource('AWS::KMS::Key', {
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            {
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Resource: '*',
            },
          ]),
        },
      },
    });
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toContain(keyId);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: topicId() },
    });
  });

  it('subscribes nobody without alarmEmail, and refuses an alarmEmail that is not an address', () => {
    // Act
    const withoutEmail = synthesizeSupportStack({ ...NO_BUNDLING, support: TEST_SUPPORT_CONTEXT }).template;

    // Assess
    withoutEmail.resourceCountIs('AWS::SNS::Subscription', 0);
    withoutEmail.resourceCountIs('AWS::CloudWatch::Alarm', 11);
    expect(() => parseSupportConfig({ ...TEST_SUPPORT_CONTEXT, alarmEmail: 'ops at example.org' })).toThrow(
      /support\.alarmEmail: must be an email address/,
    );
  });

  it('lets the breach-rate share be set, and draws it on the dashboard', () => {
    // Prepare
    const small = new Stack(new App(), 'Small');
    const fn = new LambdaFunction(small, 'Fn', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = () => {}'),
    });

    // Act
    new Monitoring(small, 'Monitoring', {
      functions: [{ label: 'only', fn }],
      queues: [{ label: 'dead letters', queue: new Queue(small, 'Dlq'), deadLetter: 'A message failed.' }],
      breachRateThreshold: 0.25,
    });

    // Assess
    const own = Template.fromStack(small);
    own.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(breaches, 0) / opened' })]),
      Threshold: 0.25,
    });
    own.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    const lines = dashboardWidgets(own).flatMap((w) => w.properties.annotations?.horizontal ?? []);
    expect(lines).toContainEqual({ value: 0.25, label: 'breach-rate alarm', yAxis: 'right' });
  });

  function topicId(): string {
    return (resolve(stack.monitoring.topic.topicArn) as { Ref: string }).Ref;
  }

  function statsOf(metricName: string): string[] {
    return series
      .filter((s) => s[1] === metricName)
      .flatMap((s) => s.flatMap((part) => (typeof part === 'object' && part.stat !== undefined ? [part.stat] : [])))
      .sort();
  }
});

/** `namespace|metric|dim=value,...` (dimensions sorted): how CloudWatch tells one series from another. */
function identity(s: Series | { namespace: string; name: string; dimensions: Record<string, string> }): string {
  if (!Array.isArray(s))
    return `${s.namespace}|${s.name}|${Object.entries(s.dimensions)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join(',')}`;
  const [namespace, name, ...rest] = s;
  const pairs = rest.filter((p): p is string => typeof p === 'string');
  const dims: string[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) dims.push(`${pairs[i]}=${pairs[i + 1]}`);
  return `${namespace}|${name}|${dims.sort().join(',')}`;
}

/**
 * The series a function publishes for `name`, read back from the EMF line Powertools writes: the
 * same `observability()` the handlers use, and a single metric with its own dimension where the
 * handler adds one (survey answers, suppression reasons).
 */
function emitted(
  service: (typeof SERVICE)[keyof typeof SERVICE],
  name: string,
  dimensions?: Record<string, string>,
): string {
  // The test run keeps metrics off (vitest.config.ts); here they are what is under test.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const { metrics } = observability(service);
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
  try {
    if (dimensions === undefined) {
      metrics.addMetric(name, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    } else {
      const single = metrics.singleMetric();
      for (const [k, v] of Object.entries(dimensions)) single.addDimension(k, v);
      single.addMetric(name, MetricUnit.Count, 1);
    }
  } finally {
    write.mockRestore();
    vi.unstubAllEnvs();
  }
  const emf = JSON.parse(lines.find((l) => l.includes('"_aws"')) ?? '{}') as {
    _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> };
  } & Record<string, unknown>;
  const [directive] = emf._aws.CloudWatchMetrics;
  const names = directive?.Dimensions[0] ?? [];
  return identity({
    namespace: directive?.Namespace ?? '',
    name,
    dimensions: Object.fromEntries(names.map((n) => [n, String(emf[n])])),
  });
}

interface Widget {
  readonly properties: {
    readonly metrics?: Series[];
    readonly annotations?: { readonly horizontal?: Array<Record<string, unknown>> };
  };
}

/** The dashboard's widgets, tokens written as `${LogicalId}` or `${LogicalId.Attribute}`. */
function dashboardWidgets(template: Template): Widget[] {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  return (JSON.parse(placeholder(dashboard?.Properties.DashboardBody)) as { widgets: Widget[] }).widgets;
}

/** Every series on the dashboard. */
function dashboardSeries(template: Template): Series[] {
  return dashboardWidgets(template).flatMap((w) => w.properties.metrics ?? []);
}

function placeholder(value: unknown): string {
  if (typeof value === 'string') return value;
  const token = value as { 'Fn::Join'?: [string, unknown[]]; Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (token['Fn::Join']) return token['Fn::Join'][1].map(placeholder).join(token['Fn::Join'][0]);
  if (token.Ref !== undefined) return `\${${token.Ref}}`;
  if (token['Fn::GetAtt']) return `\${${token['Fn::GetAtt'].join('.')}}`;
  throw new Error(`Unexpected token in the dashboard: ${JSON.stringify(value)}`);
}
