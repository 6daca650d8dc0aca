import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { transactRetryingConflicts } from '../../functions/adapters/transaction-conflicts.ts';

/**
 * DynamoDB Local runs transactions one at a time, so it never cancels one for a conflict (60
 * concurrent transactions on one counter item all succeed there): these tests stand in for AWS
 * with a client that answers from a script.
 */
function scriptedClient(answers: Array<'ok' | string[]>) {
  const calls: number[] = [];
  const client = {
    async send() {
      calls.push(calls.length + 1);
      const answer = answers.shift() ?? 'ok';
      if (answer === 'ok') return {};
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: answer.map((Code) => ({ Code })),
      });
    },
  };
  return { doc: client as unknown as DynamoDBDocumentClient, calls };
}

const command = new TransactWriteCommand({ TransactItems: [] });

describe('a commit that meets a concurrent transaction', () => {
  it('is sent again until the other transaction has finished', async () => {
    const { doc, calls } = scriptedClient([['None', 'TransactionConflict'], ['None', 'TransactionConflict'], 'ok']);

    await transactRetryingConflicts(doc, command);

    expect(calls).toHaveLength(3);
  });

  it('is refused at once when a condition failed, even beside a conflict: the caller reads what it means', async () => {
    const { doc, calls } = scriptedClient([['ConditionalCheckFailed', 'TransactionConflict']]);

    await expect(transactRetryingConflicts(doc, command)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toHaveLength(1);
  });

  it('gives up after five attempts, so the invocation fails and is retried as a whole', async () => {
    const { doc, calls } = scriptedClient(Array.from({ length: 6 }, () => ['TransactionConflict']));

    await expect(transactRetryingConflicts(doc, command)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toHaveLength(5);
  });
});
