import { userInfo } from 'node:os';
import { CustomerRecords } from '../../functions/adapters/customer-records.ts';
import { addressHash, countItems, type ErasureAudit, type ErasureCounts } from '../../functions/core/customer-data.ts';
import { OperationError } from './command-line.ts';
import { itemsOf, type CustomerData } from './customer-collection.ts';
import type { Target } from './target.ts';

/** What an erasure of `data` removes, by kind. */
export function erasureCounts(data: CustomerData): ErasureCounts {
  return {
    ...countItems(itemsOf(data)),
    objects: data.objectKeys.length,
    suppressionKept: data.suppression !== undefined,
  };
}

/**
 * Erases a customer's data: the S3 objects first (a failure then leaves the items that name them,
 * so running it again finds and finishes the rest), then the items; keeps a suppression as the
 * hash of the address; writes the audit record; and reads the table again to prove nothing that
 * names the address is left.
 */
export async function eraseCustomerData(
  target: Target,
  data: CustomerData,
  erasedAt: Date,
  erasedBy: string = userInfo().username,
): Promise<ErasureAudit> {
  const records = new CustomerRecords(target.doc, target.tableName);
  await target.rawMail.deleteObjects(data.objectKeys);
  await records.deleteItems(itemsOf(data));
  if (data.suppression !== undefined) await records.keepHashedSuppression(data.suppression, erasedAt);
  const audit: ErasureAudit = {
    addressHash: addressHash(data.address),
    erasedAt: erasedAt.toISOString(),
    erasedBy,
    ...erasureCounts(data),
  };
  await records.writeAudit(audit);
  const left = await records.itemsNaming(data.address);
  if (left.length > 0)
    throw new OperationError(
      `${left.length} item(s) still name ${data.address} (written while the erasure ran?): ${left.map((i) => `${String(i.pk)}/${String(i.sk)}`).join(', ')}. Run the erasure again.`,
    );
  return audit;
}
