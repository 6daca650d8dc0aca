import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CASE_TABLE } from '../config/resources.ts';
import { CASE_SUMMARY_FIELDS, type CaseSummary } from '../core/case-summary.ts';
import type { CaseMessage, CaseStatus } from '../core/support-case.ts';
import { messagesOfCase } from './case-keys.ts';
import { projectionOf, queryPages } from './query-pages.ts';
import { daysBetween, solvedDayKeys, statusShardKeys } from './status-keys.ts';
import { queryAll, withoutTableKeys } from './table-reads.ts';

export interface CasePage {
  /** Most recently updated first. */
  readonly cases: CaseSummary[];
  /** More cases matched than `limit` allowed. */
  readonly more: boolean;
}

/** What a list asks of the index; every filter runs on the server. */
export interface CaseFilter {
  /** Only cases updated at or after this. */
  readonly since?: Date;
  /** An agent ID, or 'none' for cases nobody holds. */
  readonly assignee?: string;
  /** Only cases that missed a response-time target. */
  readonly breached?: boolean;
  /** Only cases with a bug (`#bug`) not yet marked fixed (`#fixed`). */
  readonly waitingOnEngineering?: boolean;
  readonly limit?: number;
}

/**
 * How far back a list of solved cases looks when not told `since`: a month of days (each day is its
 * own partitions; a report reads older ones through its window).
 */
export const MAX_SOLVED_DAYS_LISTED = 31;
/** Days of solved cases read at once while a list walks back from today. */
const SOLVED_DAYS_AT_ONCE = 7;
const DAY_MS = 86_400_000;
/**
 * Days after a report's window in which solved cases are still read: a case with a moment in the
 * window (opened, answered, solved) that changed again later is found on the day it last changed.
 * A month after the window covers reopenings and late ratings; a report of a month long past does
 * not read every day since (a case changed later than that counts in the report of its own time).
 */
const REPORT_AFTERMATH_DAYS = 31;

/** The moments a report counts; a case updated in its window counts if one of them falls in it. */
const REPORTED_MOMENTS = ['createdAt', 'firstResponseAt', 'solvedAt', 'recoveredAt', 'bugOpenedAt', 'bugFixedAt'];

/**
 * Reads for people rather than for mail: case summaries by status (the sharded status index,
 * newest activity first) and a case's whole conversation. The support CLI's view of the table.
 */
export class CaseReader {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Summaries of cases in `status`, most recently updated first, filtered on the server, at most
   * `limit`. The index is eventually consistent: a change of the last second may be missing.
   */
  async byStatus(status: CaseStatus, filter: CaseFilter = {}): Promise<CasePage> {
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const conditions = [
      ...(filter.assignee === undefined
        ? []
        : [filter.assignee === 'none' ? 'attribute_not_exists(#assignee)' : '#assignee = :assignee']),
      ...(filter.breached === true ? ['size(#breaches) > :none'] : []),
      ...(filter.waitingOnEngineering === true
        ? ['attribute_exists(#bugOpened) AND attribute_not_exists(#bugFixed)']
        : []),
    ];
    const query = (key: string) =>
      queryAll(
        this.doc,
        this.query(key, filter.since, {
          ...(conditions.length === 0 ? {} : { FilterExpression: conditions.join(' AND ') }),
          names: {
            ...(filter.assignee === undefined ? {} : { '#assignee': 'assignee' }),
            ...(filter.breached === true ? { '#breaches': 'slaBreaches' } : {}),
            ...(filter.waitingOnEngineering === true ? { '#bugOpened': 'bugOpenedAt', '#bugFixed': 'bugFixedAt' } : {}),
          },
          values: {
            ...(filter.assignee === undefined || filter.assignee === 'none' ? {} : { ':assignee': filter.assignee }),
            ...(filter.breached === true ? { ':none': 0 } : {}),
          },
        }),
        limit + 1,
      );
    // Groups of partitions, newest first: once a group brings the total past the limit, older ones cannot matter.
    const items: Record<string, unknown>[] = [];
    for (const group of this.partitions(status, filter.since)) {
      // Each shard is newest-first; one more than asked from each tells whether more match.
      items.push(...(await Promise.all(group.map(query))).flat());
      if (items.length > limit) break;
    }
    const cases = items
      .map((item) => withoutTableKeys<CaseSummary>(item))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return { cases: cases.slice(0, limit), more: cases.length > limit };
  }

  /**
   * Summaries of the cases in `statuses` updated at or after `from` with a reported moment
   * (opened, first answer, solved, recovered, bug opened or fixed) in [from, to], handed to `fold`
   * page by page (a group of partitions at a time, in parallel), so none is kept. Solved cases are
   * read from the days of the window and the REPORT_AFTERMATH_DAYS after it.
   */
  async forEachReported(
    statuses: readonly CaseStatus[],
    from: Date,
    to: Date,
    fold: (cases: CaseSummary[]) => void,
  ): Promise<void> {
    const moments = REPORTED_MOMENTS.map((_, i) => `#m${i} BETWEEN :from AND :to`).join(' OR ');
    const drain = async (key: string) => {
      const input = this.query(key, from, {
        FilterExpression: `${moments} OR attribute_exists(#bug)`,
        names: { ...Object.fromEntries(REPORTED_MOMENTS.map((m, i) => [`#m${i}`, m])), '#bug': 'bugOpenedAt' },
        values: { ':from': from.toISOString(), ':to': to.toISOString() },
      });
      for await (const items of queryPages(this.doc, input))
        fold(items.map((item) => withoutTableKeys<CaseSummary>(item)));
    };
    for (const status of statuses)
      for (const group of this.partitions(status, from, new Date(to.getTime() + REPORT_AFTERMATH_DAYS * DAY_MS)))
        await Promise.all(group.map(drain));
  }

  /** Every message item of a case, oldest first, with all its fields. */
  async messages(caseNumber: number): Promise<CaseMessage[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      ...messagesOfCase(caseNumber),
      ConsistentRead: true,
    });
    return items.map((item) => withoutTableKeys<CaseMessage>(item));
  }

  /**
   * The partitions of a status, in groups to read newest first: the shards of a status not solved;
   * solved cases day by day from today back to `since` (MAX_SOLVED_DAYS_LISTED when not given), a week at a time.
   */
  private partitions(status: CaseStatus, since: Date | undefined, until?: Date): string[][] {
    if (status !== 'solved') return [statusShardKeys(status)];
    const now = this.now();
    const end = until === undefined || until > now ? now : until;
    const days = daysBetween(since ?? new Date(now.getTime() - MAX_SOLVED_DAYS_LISTED * DAY_MS), end);
    const groups: string[][] = [];
    for (let i = 0; i < days.length; i += SOLVED_DAYS_AT_ONCE)
      groups.push(days.slice(i, i + SOLVED_DAYS_AT_ONCE).flatMap(solvedDayKeys));
    return groups;
  }

  private query(
    partition: string,
    since: Date | undefined,
    extra: {
      FilterExpression?: string;
      names: Record<string, string>;
      values: Record<string, unknown>;
    },
  ) {
    const { statusIndex } = CASE_TABLE;
    const projection = projectionOf(CASE_SUMMARY_FIELDS);
    return {
      TableName: this.tableName,
      IndexName: statusIndex.name,
      KeyConditionExpression: since === undefined ? '#pk = :status' : '#pk = :status AND #sk >= :since',
      ProjectionExpression: projection.ProjectionExpression,
      ...(extra.FilterExpression === undefined ? {} : { FilterExpression: extra.FilterExpression }),
      ExpressionAttributeNames: {
        ...projection.ExpressionAttributeNames,
        ...extra.names,
        '#pk': statusIndex.partitionKey,
        ...(since === undefined ? {} : { '#sk': statusIndex.sortKey }),
      },
      ExpressionAttributeValues: {
        ...extra.values,
        ':status': partition,
        ...(since === undefined ? {} : { ':since': since.toISOString() }),
      },
      ScanIndexForward: false,
    };
  }
}
