import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB clients every function uses: the low-level one (the bench counts its calls) and the
 * document client over it. Their own module, so a function that needs only the table (the survey
 * page) loads no other SDK client on a cold start. The support CLI passes its own `config`
 * (region, endpoint) and reads the table the way the functions write it.
 */
export function createTableClients(config: DynamoDBClientConfig = {}) {
  const dynamo = new DynamoDBClient({ maxAttempts: 5, ...config });
  return { dynamo, doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }) };
}
