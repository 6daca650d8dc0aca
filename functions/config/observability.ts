import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of every metric we emit; the dashboard and alarms read it (infra/constructs/monitoring.ts). */
export const METRICS_NAMESPACE = 'Mailcase';

/** Metric names, one place for the functions that emit them and the dashboard that graphs them. */
export const METRIC = {
  casesOpened: 'CasesOpened',
  casesUpdated: 'CasesUpdated',
  mailQuarantined: 'MailQuarantined',
  mailIgnored: 'MailIgnored',
  bounces: 'Bounces',
  firstResponseTime: 'FirstResponseTime',
  resolutionTime: 'ResolutionTime',
  sendFailures: 'SendFailures',
  slaWarnings: 'SlaWarnings',
  slaBreaches: 'SlaBreaches',
  followUpNudges: 'FollowUpNudges',
  casesAutoSolved: 'CasesAutoSolved',
  surveyRatings: 'SurveyRatings',
  recipientsSuppressed: 'RecipientsSuppressed',
} as const;

/**
 * Each function's service name: the `service` dimension Powertools puts on every metric it emits,
 * and the field on every log line. The dashboard and alarms name metrics by it.
 */
export const SERVICE = {
  inbound: 'mailcase-inbound',
  slaChecks: 'mailcase-sla-checks',
  survey: 'mailcase-survey',
  suppression: 'mailcase-suppression',
  reportMail: 'mailcase-report-mail',
} as const;

/**
 * The structured logger and the metrics of one function, named for it. The name is given rather
 * than read from POWERTOOLS_SERVICE_NAME: locally every function runs in one process with one
 * environment, and each should still log and count as itself.
 */
export function observability(serviceName: string): { logger: Logger; metrics: Metrics } {
  return { logger: new Logger({ serviceName }), metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName }) };
}
