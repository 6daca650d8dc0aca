import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB clients every function uses: the low-level one (the bench counts its calls) and the
 * document client over it. Their own module, so a function that needs only the table (the survey
 * page) loads no other SDK client on a cold start.
 */
export function createTableClients() {
  const dynamo = new DynamoDBClient({ maxAttempts: 5 });
  return { dynamo, doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }) };
}
