import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { leanRequests } from './lean-requests.ts';
import { createTableClients, SOCKET_TIMEOUTS } from './table-clients.ts';

/**
 * SES: six attempts. A throttle ("Maximum sending rate exceeded.", 429) is backed off from 500 ms,
 * doubling, with full jitter (at most 20 s), so a burst of sends spreads out to the account's rate;
 * the adaptive mode, which paces one client after a throttle, buys nothing on Lambda, where each
 * concurrent invocation has a client of its own. SQS and S3 take five attempts, like DynamoDB (from
 * 100 ms), which keeps them well inside the functions' 60 s timeout. What is retried where:
 * docs/design.md, "When AWS has a bad minute".
 */
const SES_RETRIES = { maxAttempts: 6 } as const;
const QUEUE_AND_BUCKET_ATTEMPTS = 5;

/**
 * SDK clients, built once per process. Endpoints come from the SDK's own environment variables
 * (AWS_ENDPOINT_URL_S3 and friends): unset on AWS, pointed at the emulators by the local stack.
 * With an overridden endpoint, SQS sends to the endpoint rather than to the host in the queue URL
 * and S3 uses path-style addressing: emulators have no queue or bucket DNS names.
 *
 * What every mail-sending function needs: the table, SES, the check queue and Scheduler (checks
 * due later than SQS can delay). The alert consumer stops here, so its bundle carries no S3 client
 * (about 150 KB).
 */
export function createMailClients(env: NodeJS.ProcessEnv = process.env) {
  const table = createTableClients();
  return {
    ...table,
    dynamo: leanRequests(table.dynamo),
    ses: leanRequests(new SESv2Client({ ...SES_RETRIES, requestHandler: SOCKET_TIMEOUTS })),
    sqs: leanRequests(
      new SQSClient({
        maxAttempts: QUEUE_AND_BUCKET_ATTEMPTS,
        requestHandler: SOCKET_TIMEOUTS,
        useQueueUrlAsEndpoint: env.AWS_ENDPOINT_URL_SQS === undefined,
      }),
    ),
    scheduler: leanRequests(
      new SchedulerClient({ maxAttempts: QUEUE_AND_BUCKET_ATTEMPTS, requestHandler: SOCKET_TIMEOUTS }),
    ),
  };
}

/** The mail clients and S3, where the inbound function reads received mail and keeps attachments. */
export function createAwsClients(env: NodeJS.ProcessEnv = process.env) {
  const s3 = new S3Client({
    maxAttempts: QUEUE_AND_BUCKET_ATTEMPTS,
    requestHandler: SOCKET_TIMEOUTS,
    forcePathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined,
    // S3 checks a body's checksum when an operation requires one; the SDK's default adds a CRC32 of
    // every upload and checks every download besides: CPU per mail that TLS and S3's own MD5 cover.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return { ...createMailClients(env), s3: leanRequests(s3) };
}

export type MailClients = ReturnType<typeof createMailClients>;
export type AwsClients = ReturnType<typeof createAwsClients>;
