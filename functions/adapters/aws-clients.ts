import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createTableClients } from './table-clients.ts';

/**
 * SDK clients, built once per process. Endpoints come from the SDK's own environment variables
 * (AWS_ENDPOINT_URL_S3 and friends): unset on AWS, pointed at the emulators by the local stack.
 * With an overridden endpoint, S3 uses path-style addressing and SQS sends to the endpoint rather
 * than to the host in the queue URL: emulators have no bucket or queue DNS names.
 */
export function createAwsClients(env: NodeJS.ProcessEnv = process.env) {
  return {
    ...createTableClients(),
    s3: new S3Client({ forcePathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined }),
    ses: new SESv2Client({ maxAttempts: 6 }),
    sqs: new SQSClient({ maxAttempts: 5, useQueueUrlAsEndpoint: env.AWS_ENDPOINT_URL_SQS === undefined }),
  };
}

export type AwsClients = ReturnType<typeof createAwsClients>;
