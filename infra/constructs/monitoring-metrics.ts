import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../../functions/config/observability.ts';
import { SURVEY_ANSWERS } from '../../functions/core/survey-token.ts';

type Service = (typeof SERVICE)[keyof typeof SERVICE];

/**
 * One of our metrics exactly as Powertools publishes it: namespace `Mailcase`, the function's
 * `service` dimension (Powertools adds it to every metric) and any dimension the function adds.
 */
export function mailcaseMetric(
  metricName: string,
  service: Service,
  options: { statistic?: string; period?: Duration; label?: string; dimensions?: Record<string, string> } = {},
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service, ...options.dimensions },
    statistic: options.statistic ?? 'Sum',
    period: options.period ?? Duration.hours(1),
    ...(options.label === undefined ? {} : { label: options.label }),
  });
}

/**
 * SES's account-wide reputation, the rates SES itself reviews (published as a share, 0 to 1, once
 * the account has had a bounce or complaint). The configuration set's own rates are a part of it.
 */
export function sesReputationMetric(
  metricName: 'Reputation.BounceRate' | 'Reputation.ComplaintRate',
  period = Duration.hours(1),
): Metric {
  return new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period });
}

/**
 * Response-time breaches (warnings not counted; a re-escalation counts again) per case opened, over
 * a day. A day without new cases has no rate rather than an infinite one.
 */
export function breachRate(period = Duration.days(1)): MathExpression {
  return new MathExpression({
    expression: 'FILL(breaches, 0) / opened',
    usingMetrics: {
      breaches: mailcaseMetric(METRIC.slaBreaches, SERVICE.slaChecks, { period }),
      opened: mailcaseMetric(METRIC.casesOpened, SERVICE.inbound, { period }),
    },
    period,
    label: 'Breaches per case opened',
  });
}

/** Survey answers per answer (`SurveyRatings`, dimension `answer`). */
export function ratingMetrics(period = Duration.days(1)): Metric[] {
  return SURVEY_ANSWERS.map((answer) =>
    mailcaseMetric(METRIC.surveyRatings, SERVICE.survey, { period, dimensions: { answer }, label: answer }),
  );
}
