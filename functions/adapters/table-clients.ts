import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Without a timeout the SDK waits on a silent connection for ever, and the function dies at its
 * 60 s timeout with nothing retried. A call that hears nothing for 10 s (the largest body, 40 MB of
 * raw mail, flows well within that) is given up and retried on a fresh connection.
 */
export const SOCKET_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000 } as const;

/**
 * The DynamoDB clients every function uses: the low-level one (the bench counts its calls) and the
 * document client over it. Their own module, so a function that needs only the table (the survey
 * page) loads no other SDK client on a cold start. The support CLI passes its own `config`
 * (region, endpoint) and reads the table the way the functions write it.
 */
export function createTableClients(config: DynamoDBClientConfig = {}) {
  const dynamo = new DynamoDBClient({ maxAttempts: 5, requestHandler: SOCKET_TIMEOUTS, ...config });
  return { dynamo, doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }) };
}
