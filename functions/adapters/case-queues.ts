import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_QUEUE_ID } from '../core/queues.ts';
import { caseKey } from './case-keys.ts';
import { batchGetAll } from './table-reads.ts';

/**
 * Which queue cases are in, for lists and reports of one queue (`--queue`). The status index does
 * not project `queue` (adding it would rebuild the index, which CloudFormation does only by
 * dropping and re-adding it), so this reads just that attribute of each case from the table, in
 * BatchGets of a hundred, each case once per command.
 */
export class CaseQueues {
  private readonly known = new Map<number, string>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The queue kept. */
    readonly queueId: string,
  ) {}

  /** The items whose case is in the queue, in their order. */
  async keep<T extends { readonly caseNumber: number }>(items: readonly T[]): Promise<T[]> {
    const unknown = [...new Set(items.map((i) => i.caseNumber))].filter((n) => !this.known.has(n));
    if (unknown.length > 0) {
      const read = await batchGetAll(this.doc, this.tableName, unknown.map(caseKey), {
        ProjectionExpression: '#n, #q',
        ExpressionAttributeNames: { '#n': 'caseNumber', '#q': 'queue' },
      });
      const queues = new Map(read.map((item) => [Number(item.caseNumber), item.queue]));
      // A case from before queues, or one a #move returned to it, has no `queue`: the default queue.
      for (const n of unknown) {
        const queue = queues.get(n);
        this.known.set(n, typeof queue === 'string' ? queue : DEFAULT_QUEUE_ID);
      }
    }
    return items.filter((i) => this.known.get(i.caseNumber) === this.queueId);
  }
}
