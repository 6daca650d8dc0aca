import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * The Lambda context the local stack, the bench and the support CLI hand a handler. Its own module,
 * so a caller that only invokes a handler loads none of the emulators.
 */
export function localContext(): Context {
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'mailcase-inbound',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:mailcase-inbound',
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: '/aws/lambda/mailcase-inbound',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
