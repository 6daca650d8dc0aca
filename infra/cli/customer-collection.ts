import { CustomerRecords, type TableItem } from '../../functions/adapters/customer-records.ts';
import type { SuppressionStore } from '../../functions/adapters/suppression-store.ts';
import { customerAddress, namesAddress, objectKeysOf } from '../../functions/core/customer-data.ts';
import type { Suppression } from '../../functions/core/suppression.ts';
import { OperationError } from './command-line.ts';
import type { Target } from './target.ts';

/** One case of the customer's, with every item of its partition and the items elsewhere that carry its number. */
export interface CustomerCase {
  readonly caseNumber: number;
  /** The case, its messages and its current rating. */
  readonly partition: readonly TableItem[];
  /** Message-ID lookups, intake records, rating events and survey guards of the case. */
  readonly linked: readonly TableItem[];
}

/** Everything stored about one address: its cases whole, the other items that name it, and the S3 objects they point to. */
export interface CustomerData {
  readonly address: string;
  readonly cases: readonly CustomerCase[];
  /** Items outside those cases that name the address: counters, intake records of mail that opened no case, a suppression. */
  readonly others: readonly TableItem[];
  /** Raw mail, decoded bodies and attachments, each key once. */
  readonly objectKeys: readonly string[];
  /** The address is on the suppression list. */
  readonly suppression?: Suppression;
}

const CASE_PARTITION = /^CASE#(\d+)$/;

/**
 * Collects an address's data from the target's table: every item that names it (one Scan); every
 * case such an item belongs to, whole (a conversation cannot be cut out of its raw mail); and the
 * items elsewhere that carry those cases' numbers (a second Scan).
 */
export async function collectCustomerData(
  target: Target,
  suppressions: SuppressionStore,
  rawAddress: string,
): Promise<CustomerData> {
  const address = customerAddress(rawAddress);
  const records = new CustomerRecords(target.doc, target.tableName);
  const naming = await records.itemsNaming(address);
  const team = naming.find((item) => item.pk === 'CONFIG');
  if (team !== undefined)
    throw new OperationError(
      `${address} is on the team (an agent's, the team's or engineering's address), not a customer's. Remove it from the team first.`,
    );
  const caseNumbers = [
    ...new Set(naming.flatMap((item) => CASE_PARTITION.exec(String(item.pk))?.[1] ?? []).map(Number)),
  ].sort((a, b) => a - b);
  const linked = await records.itemsLinkedTo(caseNumbers);
  const cases = await Promise.all(
    caseNumbers.map(async (caseNumber) => ({
      caseNumber,
      partition: await records.partitionOf(caseNumber),
      linked: linked.filter((item) => item.caseNumber === caseNumber),
    })),
  );
  const inCases = new Set([...cases.flatMap((c) => [...c.partition, ...c.linked])].map(keyOf));
  const others = naming.filter((item) => !inCases.has(keyOf(item)));
  const all = [...cases.flatMap((c) => [...c.partition, ...c.linked]), ...others];
  const objectKeys = [
    ...new Set([...all.filter((i) => i.type === 'message' || i.type === 'intake').flatMap((i) => objectKeysOf(i))]),
  ];
  const suppression = (await suppressions.find([address])).get(address);
  return { address, cases, others, objectKeys, ...(suppression === undefined ? {} : { suppression }) };
}

/** Every table item the collection holds. */
export function itemsOf(data: CustomerData): TableItem[] {
  return [...data.cases.flatMap((c) => [...c.partition, ...c.linked]), ...data.others];
}

/** Whether anything of the address is left in these items (what a check after erasure reads). */
export function stillNaming(items: readonly TableItem[], address: string): TableItem[] {
  return items.filter((item) => namesAddress(item, address));
}

const keyOf = (item: TableItem) => `${String(item.pk)}\u0000${String(item.sk)}`;
