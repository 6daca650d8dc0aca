import type { CaseStatus, SupportCase } from '../core/support-case.ts';

/**
 * Shards per status in the status index. One partition per status took every write of every open
 * case (each answer moves the case in the index); DynamoDB serves about 1,000 writes a second per
 * partition, so eight shards give a status eight times that, while a list still reads only eight
 * small queries at once. Changing it needs `support cases reindex`.
 */
export const STATUS_SHARDS = 8;

/** The status index keys of a case: its status and shard (by case number, stable), and when it last changed. */
export function statusIndexKeys(supportCase: Pick<SupportCase, 'caseNumber' | 'status' | 'updatedAt'>) {
  return {
    gsi2pk: statusShardKey(supportCase.status, supportCase.caseNumber % STATUS_SHARDS),
    gsi2sk: supportCase.updatedAt,
  } as const;
}

/** `STATUS#open#3`. */
export function statusShardKey(status: CaseStatus, shard: number): string {
  return `STATUS#${status}#${shard}`;
}

/** Every partition of a status, one per shard. */
export function statusShardKeys(status: CaseStatus): string[] {
  return Array.from({ length: STATUS_SHARDS }, (_, shard) => statusShardKey(status, shard));
}
