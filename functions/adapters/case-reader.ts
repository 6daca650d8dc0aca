import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CASE_TABLE } from '../config/resources.ts';
import type { CaseMessage, CaseStatus, SupportCase } from '../core/support-case.ts';
import { messagesOfCase } from './case-keys.ts';
import { queryAll, withoutTableKeys } from './table-reads.ts';

export interface CasePage {
  /** Most recently updated first. */
  readonly cases: SupportCase[];
  /** More cases matched than `limit` allowed. */
  readonly more: boolean;
}

/**
 * Reads for people rather than for mail: cases by status (the `byStatus` index, newest activity
 * first) and a case's whole conversation with every field. The support CLI's view of the table.
 */
export class CaseReader {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Cases in `status`, most recently updated first, only those updated at or after `since` when
   * given, at most `limit`. The index is eventually consistent: a change of the last second may be missing.
   */
  async byStatus(
    status: CaseStatus,
    options: { readonly since?: Date; readonly limit?: number } = {},
  ): Promise<CasePage> {
    const { statusIndex } = CASE_TABLE;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    // One more than asked, to tell whether more match.
    const items = await queryAll(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: statusIndex.name,
        KeyConditionExpression: options.since === undefined ? '#pk = :status' : '#pk = :status AND #sk >= :since',
        ExpressionAttributeNames: {
          '#pk': statusIndex.partitionKey,
          ...(options.since === undefined ? {} : { '#sk': statusIndex.sortKey }),
        },
        ExpressionAttributeValues: {
          ':status': `STATUS#${status}`,
          ...(options.since === undefined ? {} : { ':since': options.since.toISOString() }),
        },
        ScanIndexForward: false,
      },
      limit + 1,
    );
    const cases = items.map((item) => withoutTableKeys<SupportCase>(item));
    return { cases: cases.slice(0, limit), more: cases.length > limit };
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
}
