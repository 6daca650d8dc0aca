import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, built once per process. Endpoints come from the SDK's own environment variables
 * (AWS_ENDPOINT_URL_S3 and friends): unset on AWS, pointed at the emulators by the local stack.
 * S3 uses path-style addressing only when an endpoint is overridden (emulators have no bucket DNS).
 */
export function createAwsClients(env: NodeJS.ProcessEnv = process.env) {
  const dynamo = new DynamoDBClient({ maxAttempts: 5 });
  return {
    dynamo,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({ forcePathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined }),
    ses: new SESv2Client({ maxAttempts: 6 }),
  };
}

export type AwsClients = ReturnType<typeof createAwsClients>;
