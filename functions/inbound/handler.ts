import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createAwsClients, type AwsClients } from '../adapters/aws-clients.ts';
import { readNumberEnv } from '../config/env.ts';
import { pipelineDependencies } from '../config/pipeline-dependencies.ts';
import { processReceipt, type InboundDependencies, type IntakeOutcome } from './process-receipt.ts';
import { receiptsOf } from './ses-receipt-event.ts';

const logger = new Logger();

/**
 * Everything the inbound function needs, built once per process from its environment. `clients`
 * defaults to fresh SDK clients; the local stack passes its own so `npm run bench` can count calls.
 */
export async function inboundDependencies(env: NodeJS.ProcessEnv = process.env, clients: AwsClients = createAwsClients(env)): Promise<InboundDependencies> {
  const shared = await pipelineDependencies(env, clients);
  return {
    ...shared,
    settings: {
      ...shared.settings,
      domain: shared.settings.supportAddress.split('@')[1] ?? '',
      maxMessageBytes: readNumberEnv('MAX_MESSAGE_BYTES', env),
      autoReplyLimitPerHour: readNumberEnv('AUTO_REPLY_LIMIT_PER_HOUR', env),
    },
    newId: randomUUID,
  };
}

/**
 * The SES receipt rule's Lambda action (and the local SMTP ingress) call this. A receipt that fails
 * throws, so SES's async invocation retries it and, after the retries, sends it to the DLQ.
 */
export function createInboundHandler(deps: InboundDependencies) {
  return middy(async (event: unknown): Promise<IntakeOutcome[]> => {
    const outcomes: IntakeOutcome[] = [];
    for (const receipt of receiptsOf(event)) {
      logger.appendKeys({ sesMessageId: receipt.sesMessageId });
      const outcome = await processReceipt(receipt, deps);
      logger.info('Mail taken in', { ...outcome });
      outcomes.push(outcome);
    }
    return outcomes;
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}

let defaultHandler: Promise<ReturnType<typeof createInboundHandler>> | undefined;

/** Lambda entry point; dependencies are built on the first call so importing this module is free. */
export const handler = async (event: unknown, context: Parameters<ReturnType<typeof createInboundHandler>>[1]) => {
  defaultHandler ??= inboundDependencies().then(createInboundHandler);
  return (await defaultHandler)(event, context);
};
