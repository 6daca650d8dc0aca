import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Attempts at a transaction that DynamoDB cancels only because another transaction was writing
 * one of its items at the same moment. Concurrent mail from one sender or domain meets on its
 * counters (automatic-mail and flood) and would otherwise fail the invocation, to be retried a
 * minute later by Lambda and, in a flood, land in the dead-letter queue. Five attempts over about
 * a second outlast a burst of a few dozen such writes; the SDK does not retry a cancellation.
 */
const MAX_CONFLICT_ATTEMPTS = 5;
/** First wait after a conflict; doubled each time, with jitter so the racers spread out. */
const FIRST_CONFLICT_WAIT_MS = 25;

/**
 * Sends a TransactWriteItems, repeating it while its only cancellation reasons are conflicts with
 * other transactions. A cancelled transaction wrote nothing, so repeating it is safe; any other
 * cancellation (a failed condition) is thrown to the caller at once.
 */
export async function transactRetryingConflicts(
  doc: DynamoDBDocumentClient,
  command: TransactWriteCommand,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await doc.send(command);
      return;
    } catch (error) {
      if (attempt >= MAX_CONFLICT_ATTEMPTS || !onlyConflicts(error)) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, FIRST_CONFLICT_WAIT_MS * 2 ** (attempt - 1) * (0.5 + Math.random())),
      );
    }
  }
}

function onlyConflicts(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? [])
    .map((r) => r.Code)
    .filter((code) => code !== undefined && code !== 'None');
  return codes.length > 0 && codes.every((code) => code === 'TransactionConflict');
}
