import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SenderBlock } from '../core/sender-blocks.ts';
import { BLOCK_PARTITION, blockKey } from './case-keys.ts';
import { queryAll, withoutTableKeys } from './table-reads.ts';

/** The item a block is kept as; the intake transaction writes it for a `#spam`. */
export function blockItem(block: SenderBlock): Record<string, unknown> {
  return { ...blockKey(block.value), type: 'block', ...block };
}

/**
 * Blocked senders in the case table, for the support CLI: `#spam` adds them with its case (in the
 * intake transaction), and intake reads a sender's in its lookup (IntakeStore.lookUp).
 */
export class BlockStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every block, by value. */
  async list(): Promise<SenderBlock[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': BLOCK_PARTITION },
      ConsistentRead: true,
    });
    return items.map((item) => withoutTableKeys<SenderBlock>(item));
  }

  async add(block: SenderBlock): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: blockItem(block) }));
  }

  /** Lifts a block; what was blocked, or undefined when nothing was. */
  async remove(value: string): Promise<SenderBlock | undefined> {
    const { Attributes: removed } = await this.doc.send(
      new DeleteCommand({ TableName: this.tableName, Key: blockKey(value), ReturnValues: 'ALL_OLD' }),
    );
    return removed === undefined ? undefined : withoutTableKeys<SenderBlock>(removed);
  }
}
