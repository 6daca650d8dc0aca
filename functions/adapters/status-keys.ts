import type { CaseStatus, SupportCase } from '../core/support-case.ts';

/**
 * Shards per status in the status index. One partition per status took every write of every open
 * case (each answer moves the case in the index); DynamoDB serves about 1,000 writes a second per
 * partition, so eight shards give a status eight times that, while a list still reads only eight
 * small queries at once. Changing it needs `support cases reindex`.
 */
export const STATUS_SHARDS = 8;
/**
 * Solved cases are what history is made of: they are keyed by the day they last changed as well
 * (and spread over fewer shards, as a day's solved cases are few), so no partition grows with
 * history and a report over a month reads that month's days. Changing it needs `support cases reindex`.
 */
export const SOLVED_DAY_SHARDS = 4;

const DAY_MS = 86_400_000;

/** The status index keys of a case: its status, day (solved only) and shard (by case number, stable), and when it last changed. */
export function statusIndexKeys(supportCase: Pick<SupportCase, 'caseNumber' | 'status' | 'updatedAt'>) {
  const { status, caseNumber, updatedAt } = supportCase;
  return {
    gsi2pk:
      status === 'solved'
        ? solvedDayKey(updatedAt.slice(0, 10), caseNumber % SOLVED_DAY_SHARDS)
        : statusShardKey(status, caseNumber % STATUS_SHARDS),
    gsi2sk: updatedAt,
  } as const;
}

/** `STATUS#open#3`. */
export function statusShardKey(status: CaseStatus, shard: number): string {
  return `STATUS#${status}#${shard}`;
}

/** `STATUS#solved#2026-11-14#2`. */
export function solvedDayKey(day: string, shard: number): string {
  return `STATUS#solved#${day}#${shard}`;
}

/** Every partition of a status not solved, one per shard. */
export function statusShardKeys(status: Exclude<CaseStatus, 'solved'>): string[] {
  return Array.from({ length: STATUS_SHARDS }, (_, shard) => statusShardKey(status, shard));
}

/** The partitions of solved cases last changed on the UTC day of `day`, one per shard. */
export function solvedDayKeys(day: Date): string[] {
  const date = day.toISOString().slice(0, 10);
  return Array.from({ length: SOLVED_DAY_SHARDS }, (_, shard) => solvedDayKey(date, shard));
}

/** The UTC days from `from`'s to `to`'s, newest first. */
export function daysBetween(from: Date, to: Date): Date[] {
  const days: Date[] = [];
  const first = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let day = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()); day >= first; day -= DAY_MS)
    days.push(new Date(day));
  return days;
}
