import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { suppressionAddress, type Suppression } from '../core/suppression.ts';
import { addressHash } from '../core/customer-data.ts';
import { hashedSuppressionKey, suppressionKey } from './case-keys.ts';
import { batchGetAll, withoutTableKeys } from './table-reads.ts';

/**
 * The suppression list, kept in the case table (`SUPPRESSED#<address>`): addresses SES reported as
 * permanently bouncing or complaining. The suppression function writes it; every send reads it.
 */
export class SuppressionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Puts an address on the list unless it is there already: the first bounce or complaint is the
   * one kept, so a redelivered event (EventBridge delivers at least once) changes nothing.
   */
  async record(suppression: Suppression, recordedAt: Date): Promise<'recorded' | 'already-suppressed'> {
    const address = suppressionAddress(suppression.address);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...suppressionKey(address),
            type: 'suppression',
            ...suppression,
            address,
            recordedAt: recordedAt.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'already-suppressed';
      throw error;
    }
  }

  /** The suppressed ones among `addresses` (consistent reads), by lower-case address. */
  async find(addresses: readonly string[]): Promise<Map<string, Suppression>> {
    const found = new Map<string, Suppression>();
    const unique = [...new Set(addresses.map(suppressionAddress))];
    // An erased customer's suppression is kept as the hash of the address (customer-records.ts).
    const byHash = new Map<string, string>(
      unique.map((address) => [hashedSuppressionKey(addressHash(address)).pk, address]),
    );
    const keys = [...unique.map(suppressionKey), ...[...byHash.keys()].map((pk) => ({ pk, sk: 'SUPPRESSED' }))];
    for (const item of await batchGetAll(this.doc, this.tableName, keys)) {
      const hashed = byHash.get(String(item.pk));
      const suppression = hashed === undefined ? suppressionOf(item) : hashedSuppressionOf(item, hashed);
      found.set(suppression.address, suppression);
    }
    return found;
  }

  /** Takes an address off the list, so mail goes to it again; what was listed, or undefined when it was not. */
  async remove(address: string): Promise<Suppression | undefined> {
    const { Attributes: removed } = await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: suppressionKey(suppressionAddress(address)),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return removed === undefined ? undefined : suppressionOf(removed);
  }
}

/** A hashed suppression read back for the address whose hash matched: its reason and date, nothing else was kept. */
function hashedSuppressionOf(item: Record<string, unknown>, address: string): Suppression {
  return {
    address,
    reason: item.reason === 'complaint' ? 'complaint' : 'bounce',
    detail: 'kept as a hash of the address when its owner’s data was erased',
    at: String(item.at),
    sesMessageId: '',
    feedbackId: '',
  };
}

function suppressionOf(item: Record<string, unknown>): Suppression {
  const { recordedAt: _recordedAt, ...suppression } = withoutTableKeys<Suppression & { recordedAt: string }>(item);
  return suppression;
}
