import type { SESEvent } from 'aws-lambda';
import type { AwsClients } from '../../functions/adapters/aws-clients.ts';
import { FaultLayer, type FaultSettings } from './fault-layer.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { armClients, invokeWithCrash, type CrashStep, type InvocationTrace } from './crash-hook.ts';

export type { FaultSettings } from './fault-layer.ts';

/** The fault layer of a running local stack: proxies in front of the emulators, and the crash step. */
export interface LocalFaults {
  readonly layer: FaultLayer;
  /** Puts the proxies in front of the functions' clients and marks those clients' calls as faultable. */
  arm(clients: AwsClients): void;
  /** Runs one inbound invocation, crashing it where the settings or crashNext say. */
  invoke<T>(event: SESEvent, run: () => Promise<T>): Promise<T>;
  /** Kills the next receipt's first attempt at `step`; `onTrace` is told the AWS calls it made. */
  crashNext(step: CrashStep | undefined, onTrace?: (trace: InvocationTrace) => void): void;
  /** Fronts the local SES too, once it runs. */
  frontSes(endpoint: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a fault proxy in front of DynamoDB Local and fauxqs (S3 and SQS on one port) and points the
 * SDK's endpoint variables at them; `frontSes` does the same for the local SES. Only calls of
 * clients given to `arm` are faulted, so the stack's own set-up, the tests' reads and the support
 * CLI see the emulators as they are.
 */
export async function startLocalFaults(
  settings: FaultSettings,
  emulators: { readonly dynamoEndpoint: string; readonly objectsEndpoint: string },
): Promise<LocalFaults> {
  const layer = new FaultLayer(settings);
  const proxies: FaultProxy[] = [
    await startFaultProxy(emulators.dynamoEndpoint, layer, () => 'dynamodb'),
    // fauxqs serves both: SQS's JSON protocol names its operation in X-Amz-Target, S3's REST calls do not.
    await startFaultProxy(emulators.objectsEndpoint, layer, (request) =>
      String(request.headers['x-amz-target'] ?? '').startsWith('AmazonSQS.') ? 'sqs' : 's3',
    ),
  ];
  const [dynamo, objects] = proxies;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo?.endpoint,
    AWS_ENDPOINT_URL_S3: objects?.endpoint,
    AWS_ENDPOINT_URL_SQS: objects?.endpoint,
  });
  const firstAttempts = new Set<string>();
  let next: { step: CrashStep | undefined; onTrace?: (trace: InvocationTrace) => void } | undefined;
  return {
    layer,
    arm: armClients,
    invoke(event, run) {
      const id = event.Records[0]?.ses.mail.messageId ?? '';
      const first = !firstAttempts.has(id);
      firstAttempts.add(id);
      const armed = first ? next : undefined;
      if (armed !== undefined) next = undefined;
      const step = armed === undefined ? (first ? settings.crashAt : undefined) : armed.step;
      return invokeWithCrash(step, run, armed?.onTrace);
    },
    crashNext(step, onTrace) {
      next = { step, ...(onTrace === undefined ? {} : { onTrace }) };
    },
    async frontSes(endpoint) {
      const proxy = await startFaultProxy(endpoint, layer, () => 'ses');
      proxies.push(proxy);
      process.env.AWS_ENDPOINT_URL_SESV2 = proxy.endpoint;
    },
    async stop() {
      await Promise.all(proxies.map((p) => p.stop()));
    },
  };
}
