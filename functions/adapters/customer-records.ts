import {
  BatchWriteCommand,
  PutCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
  type ScanCommandInput,
  type ScanCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { addressHash, namesAddress, type ErasureAudit } from '../core/customer-data.ts';
import type { Suppression } from '../core/suppression.ts';
import { caseKey, hashedSuppressionKey } from './case-keys.ts';
import { queryAll } from './table-reads.ts';

/** A stored item, as DynamoDB returns it. */
export type TableItem = Record<string, unknown>;

/** DynamoDB's BatchWriteItem limit. */
const MAX_BATCH_WRITE = 25;
/** Values in one `IN` list of a filter expression (DynamoDB allows at most 100 operands). */
const MAX_IN_VALUES = 99;

/** The partition every erasure's audit record is kept in, newest last. */
export const ERASURE_AUDIT_PK = 'AUDIT#ERASURE';

/**
 * A customer's records on the case table, for export and erasure. There is no index by address (no
 * mail path needs one), so finding them reads the table: rare requests, one or two Scans each.
 */
export class CustomerRecords {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every item that names the address anywhere in its fields (one Scan of the table). */
  async itemsNaming(address: string): Promise<TableItem[]> {
    return this.scan({}, (item) => namesAddress(item, address));
  }

  /** Every item of a case's partition (the case, its messages, its current rating). */
  async partitionOf(caseNumber: number): Promise<TableItem[]> {
    return queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': caseKey(caseNumber).pk },
      ConsistentRead: true,
    });
  }

  /** Items outside the cases' partitions that carry one of their numbers: lookups, intake records, rating events, survey guards. */
  async itemsLinkedTo(caseNumbers: readonly number[]): Promise<TableItem[]> {
    const found: TableItem[] = [];
    for (let start = 0; start < caseNumbers.length; start += MAX_IN_VALUES) {
      const chunk = caseNumbers.slice(start, start + MAX_IN_VALUES);
      const names = chunk.map((_, i) => `:c${i}`);
      found.push(
        ...(await this.scan({
          FilterExpression: `caseNumber IN (${names.join(', ')}) AND NOT begins_with(pk, :case)`,
          ExpressionAttributeValues: {
            ...Object.fromEntries(chunk.map((n, i) => [`:c${i}`, n])),
            ':case': 'CASE#',
          },
        })),
      );
    }
    return found;
  }

  /** Deletes the items (by their keys), 25 to a request, retrying what DynamoDB leaves unprocessed. */
  async deleteItems(items: readonly TableItem[]): Promise<void> {
    const keys = [
      ...new Map(items.map((i) => [`${String(i.pk)}\u0000${String(i.sk)}`, { pk: i.pk, sk: i.sk }])).values(),
    ];
    for (let start = 0; start < keys.length; start += MAX_BATCH_WRITE) {
      let pending: { DeleteRequest: { Key: Record<string, unknown> } }[] = keys
        .slice(start, start + MAX_BATCH_WRITE)
        .map((Key) => ({ DeleteRequest: { Key } }));
      while (pending.length > 0) {
        const response = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (response.UnprocessedItems?.[this.tableName] ?? []).flatMap((r) =>
          r.DeleteRequest?.Key === undefined ? [] : [{ DeleteRequest: { Key: r.DeleteRequest.Key } }],
        );
      }
    }
  }

  /** Keeps a suppression as the hash of its address: why and when, nothing SES said that could name it. */
  async keepHashedSuppression(suppression: Suppression, erasedAt: Date): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...hashedSuppressionKey(addressHash(suppression.address)),
          type: 'hashedSuppression',
          reason: suppression.reason,
          at: suppression.at,
          erasedAt: erasedAt.toISOString(),
        },
      }),
    );
  }

  /** Writes the audit record of an erasure; never overwrites one. */
  async writeAudit(audit: ErasureAudit): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: ERASURE_AUDIT_PK, sk: `${audit.erasedAt}#${audit.addressHash}`, type: 'erasureAudit', ...audit },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  private async scan(input: Partial<ScanCommandInput>, keep: (item: TableItem) => boolean = () => true) {
    const found: TableItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page: ScanCommandOutput = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          ...input,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      found.push(...(page.Items ?? []).filter(keep));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return found;
  }
}
