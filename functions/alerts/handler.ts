import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createMailClients, type MailClients } from '../adapters/aws-clients.ts';
import { METRIC, observability, SERVICE } from '../config/observability.ts';
import { pipelineDependencies } from '../config/pipeline-dependencies.ts';
import * as z from '../config/zod-mini.ts';
import { SendFailedError } from '../outbox/send-outbox.ts';
import { processCheck, type AlertDependencies } from './process-check.ts';
import { initialiseOnce } from '../config/initialise-once.ts';

const { logger, metrics } = observability(SERVICE.slaChecks);

const timing = {
  caseNumber: z.number().check(z.int(), z.positive()),
  dueAt: z.iso.datetime(),
  clockStart: z.iso.datetime(),
};
const checkSchema = z.discriminatedUnion('target', [
  z.object({
    ...timing,
    target: z.enum(['first-response', 'next-response', 'resolution', 'follow-up']),
    stage: z.enum(['warning', 'breach', 're-escalation']),
  }),
  z.object({ ...timing, target: z.literal('pending-follow-up'), stage: z.enum(['nudge', 'auto-solve']) }),
]);

/** What each fired stage counts as in CloudWatch. */
const FIRED_METRIC = {
  warning: METRIC.slaWarnings,
  breach: METRIC.slaBreaches,
  're-escalation': METRIC.slaBreaches,
  nudge: METRIC.followUpNudges,
  'auto-solve': METRIC.casesAutoSolved,
} as const;

/** Everything the alert consumer needs, built once per process from its environment. */
export function alertDependencies(
  env: NodeJS.ProcessEnv = process.env,
  clients: MailClients = createMailClients(env),
): Promise<AlertDependencies> {
  return pipelineDependencies(env, clients);
}

/**
 * The SQS consumer of timed checks: response-time targets and pending follow-ups. Each record is
 * handled on its own and a failure is reported for that record only (ReportBatchItemFailures), so
 * one bad check never redrives its batch.
 */
export function createAlertsHandler(deps: AlertDependencies) {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord) => {
    const check = checkSchema.parse(JSON.parse(record.body));
    logger.appendKeys({ caseNumber: check.caseNumber, sqsMessageId: record.messageId });
    const outcome = await processCheck(check, deps).catch((error: unknown) => {
      if (error instanceof SendFailedError) metrics.addMetric(METRIC.sendFailures, MetricUnit.Count, 1);
      throw error;
    });
    logger.info('Check handled', { ...check, outcome });
    if (outcome === 'fired') metrics.addMetric(FIRED_METRIC[check.stage], MetricUnit.Count, 1);
    return outcome;
  };
  return middy(async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, handleRecord, processor, { context }),
  )
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

const defaultHandler = initialiseOnce(() => alertDependencies().then(createAlertsHandler));

/** Lambda entry point; dependencies are built on the first call, and again after a failed start. */
export const handler = async (event: SQSEvent, context: Parameters<ReturnType<typeof createAlertsHandler>>[1]) =>
  (await defaultHandler())(event, context);
