import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { SuppressionStore } from '../adapters/suppression-store.ts';
import { createTableClients } from '../adapters/table-clients.ts';
import { readEnv } from '../config/env.ts';
import { METRIC, observability, SERVICE } from '../config/observability.ts';
import { decideSuppression, type SuppressionReason } from '../core/suppression.ts';
import { readSesFeedbackEvent } from './ses-feedback-event.ts';

const { logger, metrics } = observability(SERVICE.suppression);

export interface SuppressionDependencies {
  readonly suppressions: SuppressionStore;
  readonly now: () => Date;
}

/** What one event did: addresses newly suppressed, ones already on the list, or why none. */
export interface SuppressionOutcome {
  readonly recorded: readonly string[];
  readonly alreadySuppressed: readonly string[];
  readonly ignored?: string;
}

/** The table and the clock, built once per process from the environment (`TABLE_NAME`). */
export function suppressionDependencies(
  env: NodeJS.ProcessEnv = process.env,
  doc: DynamoDBDocumentClient = createTableClients().doc,
): SuppressionDependencies {
  return { suppressions: new SuppressionStore(doc, readEnv('TABLE_NAME', env)), now: () => new Date() };
}

/**
 * The target of the configuration set's BOUNCE and COMPLAINT events (through EventBridge; locally
 * the local SES calls it). Each permanently bounced or complaining recipient goes on the
 * suppression list that every send reads. An event that fails to validate or to be written
 * throws, so EventBridge retries it and, at last, leaves it on the dead-letter queue.
 */
export function createSuppressionHandler(deps: SuppressionDependencies) {
  return middy(async (event: unknown): Promise<SuppressionOutcome> => {
    const feedback = readSesFeedbackEvent(event);
    logger.appendKeys({ sesMessageId: feedback.sesMessageId, feedbackId: feedback.feedbackId });
    const decision = decideSuppression(feedback);
    if ('ignored' in decision) {
      logger.info('SES feedback suppresses nobody', { kind: feedback.kind, reason: decision.ignored });
      return { recorded: [], alreadySuppressed: [], ignored: decision.ignored };
    }
    const recorded: string[] = [];
    const alreadySuppressed: string[] = [];
    for (const suppression of decision.suppress) {
      const written = await deps.suppressions.record(suppression, deps.now());
      (written === 'recorded' ? recorded : alreadySuppressed).push(suppression.address);
      // The address is the customer's; its domain is enough to see a pattern, the table has the rest.
      logger.info('Recipient suppressed', {
        reason: suppression.reason,
        detail: suppression.detail,
        domain: suppression.address.split('@')[1],
        written,
      });
      if (written === 'recorded') count(suppression.reason);
    }
    return { recorded, alreadySuppressed };
    // No logMetrics middleware: each suppression is published as it is recorded (singleMetric).
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}

function count(reason: SuppressionReason): void {
  const metric = metrics.singleMetric();
  metric.addDimension('reason', reason);
  metric.addMetric(METRIC.recipientsSuppressed, MetricUnit.Count, 1);
}

let defaultHandler: ReturnType<typeof createSuppressionHandler> | undefined;

/** Lambda entry point; dependencies are built on the first call so importing this module is free. */
export const handler = async (event: unknown, context: Context): Promise<SuppressionOutcome> => {
  defaultHandler ??= createSuppressionHandler(suppressionDependencies());
  return defaultHandler(event, context);
};
