import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { createAwsClients, type AwsClients } from '../adapters/aws-clients.ts';
import { RawMailStore } from '../adapters/raw-mail-store.ts';
import { readEnv, readNumberEnv } from '../config/env.ts';
import { readFloodLimits } from '../config/settings.ts';
import { METRIC, observability, SERVICE } from '../config/observability.ts';
import { pipelineDependencies } from '../config/pipeline-dependencies.ts';
import { SendFailedError } from '../outbox/send-outbox.ts';
import type { IntakeOutcome } from '../core/intake-outcome.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';
import { processReceipt } from './process-receipt.ts';
import { receiptsOf } from './ses-receipt-event.ts';
import { initialiseOnce } from '../config/initialise-once.ts';

const { logger, metrics } = observability(SERVICE.inbound);

/**
 * Everything the inbound function needs, built once per process from its environment. `clients`
 * defaults to fresh SDK clients; the local stack passes its own so `npm run bench` can count calls.
 */
export async function inboundDependencies(
  env: NodeJS.ProcessEnv = process.env,
  clients: AwsClients = createAwsClients(env),
): Promise<InboundDependencies> {
  const shared = await pipelineDependencies(env, clients);
  return {
    ...shared,
    rawMail: new RawMailStore(clients.s3, readEnv('RAW_MAIL_BUCKET', env)),
    settings: {
      ...shared.settings,
      domain: shared.settings.supportAddress.split('@')[1] ?? '',
      maxMessageBytes: readNumberEnv('MAX_MESSAGE_BYTES', env),
      autoReplyLimitPerHour: readNumberEnv('AUTO_REPLY_LIMIT_PER_HOUR', env),
      floodLimits: readFloodLimits(env),
    },
    newId: randomUUID,
  };
}

/**
 * The SES receipt rule's Lambda action (and the local SMTP ingress) call this. A receipt that fails
 * throws, so SES's async invocation retries it and, after the retries, sends it to the DLQ. Every
 * log line of a receipt carries its SES message id, and its case number once known.
 */
export function createInboundHandler(deps: InboundDependencies) {
  return middy(async (event: unknown): Promise<IntakeOutcome[]> => {
    const outcomes: IntakeOutcome[] = [];
    for (const receipt of receiptsOf(event)) {
      logger.appendKeys({ sesMessageId: receipt.sesMessageId });
      const outcome = await processReceipt(receipt, deps).catch((error: unknown) => {
        if (error instanceof SendFailedError) metrics.addMetric(METRIC.sendFailures, MetricUnit.Count, 1);
        throw error;
      });
      logger.appendKeys({ caseNumber: outcome.caseNumber });
      for (const problem of outcome.problems ?? []) logger.error(problem);
      logger.info('Mail taken in', { ...outcome });
      countOutcome(outcome);
      outcomes.push(outcome);
    }
    return outcomes;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
}

function countOutcome(outcome: IntakeOutcome): void {
  const counted = {
    'case-opened': METRIC.casesOpened,
    'case-updated': METRIC.casesUpdated,
    held: METRIC.mailQuarantined,
    ignored: METRIC.mailIgnored,
    duplicate: undefined,
  }[outcome.outcome];
  if (counted !== undefined) metrics.addMetric(counted, MetricUnit.Count, 1);
  if (outcome.bounce) metrics.addMetric(METRIC.bounces, MetricUnit.Count, 1);
  const { firstResponseSeconds, resolutionSeconds } = outcome.measures ?? {};
  if (firstResponseSeconds !== undefined)
    metrics.addMetric(METRIC.firstResponseTime, MetricUnit.Seconds, firstResponseSeconds);
  if (resolutionSeconds !== undefined) metrics.addMetric(METRIC.resolutionTime, MetricUnit.Seconds, resolutionSeconds);
}

const defaultHandler = initialiseOnce(() => inboundDependencies().then(createInboundHandler));

/** Lambda entry point; dependencies are built on the first call (so importing this module is free), and again after a failed start. */
export const handler = async (event: unknown, context: Parameters<ReturnType<typeof createInboundHandler>>[1]) =>
  (await defaultHandler())(event, context);
