import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createTableClients } from '../../functions/adapters/table-clients.ts';
import { ensureBucket, ensureCheckQueues, startDynamoDbLocal, startObjectAndQueueEmulator } from './emulators.ts';
import { ensureCaseTable } from './local-case-table.ts';

/** The local stack's resource names, where CDK would generate its own. */
export const LOCAL_NAMES = {
  tableName: 'mailcase-cases',
  bucketName: 'mailcase-raw-mail',
  checkQueueName: 'mailcase-sla-checks',
} as const;
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' } as const;

/** DynamoDB Local and fauxqs, running. */
export interface LocalEmulators {
  readonly dynamoEndpoint: string;
  /** fauxqs serves S3 and SQS on this one endpoint. */
  readonly objectsEndpoint: string;
  stop(): Promise<void>;
}

/** Starts the emulators, keeping their data under the data folder when there is one (else in memory). */
export async function startLocalEmulators(stateDir: string | undefined): Promise<LocalEmulators> {
  const dynamo = await startDynamoDbLocal(stateDir === undefined ? {} : { path: join(stateDir, 'dynamodb') });
  const objects = await startObjectAndQueueEmulator(
    stateDir === undefined ? {} : { dataDir: join(stateDir, 'objects') },
  );
  return {
    dynamoEndpoint: dynamo.endpoint,
    // fauxqs serves S3 and SQS on one port; it reports the wildcard address it listens on.
    objectsEndpoint: objects.address.replace('0.0.0.0', '127.0.0.1'),
    async stop() {
      await objects.stop();
      await dynamo.stop();
    },
  };
}

/** The table, bucket and check queues, with the stack's own clients to them. */
export interface LocalResources {
  readonly s3: S3Client;
  /** The stack's own SQS client (queue set-up, the event-source poller), apart from the handlers'. */
  readonly sqs: SQSClient;
  /** The stack's own table client (the agents' SMTP login reads the team with it), apart from the handlers', which the bench counts. */
  readonly doc: DynamoDBDocumentClient;
  readonly checkQueue: { readonly queueUrl: string; readonly queueArn: string; readonly dlqUrl: string };
  /** Closes the stack's clients. */
  destroy(): void;
}

/**
 * Points every SDK client in this process at the emulators (through the SDK's standard endpoint
 * variables, so the handlers' clients need no change), then creates what the CDK stack would.
 */
export async function createLocalResources(
  emulators: LocalEmulators,
  region: string,
  replyTokenSecret: string,
): Promise<LocalResources> {
  Object.assign(process.env, LOCAL_CREDENTIALS, {
    REPLY_TOKEN_SECRET: replyTokenSecret,
    AWS_REGION: region,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: emulators.objectsEndpoint,
    AWS_ENDPOINT_URL_SQS: emulators.objectsEndpoint,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Metrics are CloudWatch's (EMF lines on stdout); locally they would only bury the output.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  const { dynamo: dynamoClient, doc } = createTableClients();
  const s3 = new S3Client({ forcePathStyle: true });
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  await ensureCaseTable(dynamoClient, LOCAL_NAMES.tableName);
  await ensureBucket(s3, LOCAL_NAMES.bucketName);
  const checkQueue = await ensureCheckQueues(sqs, LOCAL_NAMES.checkQueueName);
  return {
    s3,
    sqs,
    doc,
    checkQueue,
    destroy() {
      sqs.destroy();
      dynamoClient.destroy();
      s3.destroy();
    },
  };
}
