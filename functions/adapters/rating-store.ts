import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RatingEvent } from '../core/ratings.ts';
import { caseRatingKey, ratingEventKey, ratingMonthPartition, surveyFormKey } from './case-keys.ts';
import { queryAll } from './table-reads.ts';
import { transactRetryingConflicts } from './transaction-conflicts.ts';

/**
 * - recorded: the event, the case's current rating and the form's guard were written together.
 * - replayed: this form (its nonce) already recorded a vote; nothing was written.
 * - superseded: the case already has a later rating; nothing was written, so the log and the
 *   current rating never disagree about which one counts.
 */
export type RecordOutcome = 'recorded' | 'replayed' | 'superseded';

/** The form guard outlives its nonce by a day, so TTL (which may lag) never frees a nonce still valid. */
const GUARD_GRACE_S = 86_400;

/** Ratings on the case table: an event log for reports and the current rating of each case. */
export class RatingStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records a confirmed vote in one transaction: the event (in its month's partition), the case's
   * current rating (only if no later one exists), and a guard on the form's nonce id (only if the
   * nonce never voted before).
   */
  async record(event: RatingEvent, nonce: { readonly id: string; readonly expiresAt: Date }): Promise<RecordOutcome> {
    const put = (Item: Record<string, unknown>, ConditionExpression: string, values?: Record<string, unknown>) => ({
      Put: {
        TableName: this.tableName,
        Item,
        ConditionExpression,
        ...(values ? { ExpressionAttributeValues: values } : {}),
      },
    });
    try {
      // Two votes on one case at once meet on its rating item; repeated, the later one wins or is superseded.
      await transactRetryingConflicts(
        this.doc,
        new TransactWriteCommand({
          TransactItems: [
            put(
              {
                ...surveyFormKey(nonce.id),
                type: 'surveyForm',
                caseNumber: event.caseNumber,
                expiresAt: Math.ceil(nonce.expiresAt.getTime() / 1000) + GUARD_GRACE_S,
              },
              'attribute_not_exists(pk)',
            ),
            put(
              { ...caseRatingKey(event.caseNumber), type: 'rating', ...event },
              'attribute_not_exists(pk) OR ratedAt <= :ratedAt',
              { ':ratedAt': event.ratedAt },
            ),
            put(
              { ...ratingEventKey(event.ratedAt, event.caseNumber, event.eventId), type: 'ratingEvent', ...event },
              'attribute_not_exists(pk)',
            ),
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [guard, current] = error.CancellationReasons ?? [];
      if (guard?.Code === 'ConditionalCheckFailed') return 'replayed';
      if (current?.Code === 'ConditionalCheckFailed') return 'superseded';
      throw error;
    }
  }

  /** The rating that counts for a case, if it has one. */
  async current(caseNumber: number): Promise<RatingEvent | undefined> {
    const response = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: caseRatingKey(caseNumber), ConsistentRead: true }),
    );
    return response.Item === undefined ? undefined : toEvent(response.Item);
  }

  /** Every rating event from `from` (inclusive) to `to` (exclusive), oldest first: a report's input. */
  async between(from: Date, to: Date): Promise<RatingEvent[]> {
    const events: RatingEvent[] = [];
    if (from >= to) return events;
    for (const partition of monthPartitions(from, to)) {
      const items = await queryAll(this.doc, {
        TableName: this.tableName,
        // Sort keys start with the ISO time, so BETWEEN two times is a time range; a key is never
        // the bare `to` (a suffix always follows), which makes the upper end exclusive.
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': partition, ':from': from.toISOString(), ':to': to.toISOString() },
      });
      events.push(...items.map(toEvent));
    }
    return events;
  }
}

/** The month partitions a range touches, in order. */
function monthPartitions(from: Date, to: Date): string[] {
  const partitions: string[] = [];
  const month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (month < to) {
    partitions.push(ratingMonthPartition(month.toISOString()));
    month.setUTCMonth(month.getUTCMonth() + 1);
  }
  return partitions;
}

function toEvent(item: Record<string, unknown>): RatingEvent {
  const { eventId, caseNumber, agentId, answer, comment, ratedAt } = item as unknown as RatingEvent;
  return {
    eventId,
    caseNumber: Number(caseNumber),
    agentId,
    answer,
    ...(comment === undefined ? {} : { comment }),
    ratedAt,
  };
}
