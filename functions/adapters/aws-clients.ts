import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createTableClients } from './table-clients.ts';

/**
 * SDK clients, built once per process. Endpoints come from the SDK's own environment variables
 * (AWS_ENDPOINT_URL_S3 and friends): unset on AWS, pointed at the emulators by the local stack.
 * With an overridden endpoint, SQS sends to the endpoint rather than to the host in the queue URL
 * and S3 uses path-style addressing: emulators have no queue or bucket DNS names.
 *
 * What every mail-sending function needs: the table, SES and the check queue. The alert consumer
 * stops here, so its bundle carries no S3 client (about 150 KB).
 */
export function createMailClients(env: NodeJS.ProcessEnv = process.env) {
  return {
    ...createTableClients(),
    ses: new SESv2Client({ maxAttempts: 6 }),
    sqs: new SQSClient({ maxAttempts: 5, useQueueUrlAsEndpoint: env.AWS_ENDPOINT_URL_SQS === undefined }),
  };
}

/** The mail clients and S3, where the inbound function reads received mail and keeps attachments. */
export function createAwsClients(env: NodeJS.ProcessEnv = process.env) {
  return { ...createMailClients(env), s3: new S3Client({ forcePathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined }) };
}

export type MailClients = ReturnType<typeof createMailClients>;
export type AwsClients = ReturnType<typeof createAwsClients>;
