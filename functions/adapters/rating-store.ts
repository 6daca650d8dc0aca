import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IntakeRecord } from '../core/intake-record.ts';
import type { RatingEvent } from '../core/ratings.ts';
import type { SupportCase } from '../core/support-case.ts';
import { CaseExpiry } from './case-expiry.ts';
import { caseItem, intakeItem } from './case-items.ts';
import { caseRatingKey, ratingEventKey, ratingMonthPartition, surveyFormKey } from './case-keys.ts';
import { queryAll } from './table-reads.ts';
import { transactRetryingConflicts } from './transaction-conflicts.ts';

/**
 * - recorded: the event, the case's current rating and the form's guard were written together.
 * - replayed: this form (its nonce) already recorded a vote; nothing was written.
 * - superseded: the case already has a later rating (a later one of the same survey round, or one
 *   of a later round); nothing was written, so the log and the current rating never disagree about
 *   which one counts.
 * - case-changed: the case changed since it was read; nothing was written, and the caller plans again.
 */
export type RecordOutcome = 'recorded' | 'replayed' | 'superseded' | 'case-changed';

/** What a survey form changes besides the ratings: the case (if its version still holds) and an outbox to send. */
export interface SurveyConsequences {
  readonly intake?: IntakeRecord;
  readonly supportCase?: SupportCase;
  /** The case's TTL as read before the vote (retention on, case solved): its current rating expires with it. */
  readonly caseExpiresAt?: number;
}

/** One conditional Put of a survey transaction. */
interface TransactPut {
  readonly Put: {
    readonly TableName: string;
    readonly Item: Record<string, unknown>;
    readonly ConditionExpression: string;
    readonly ExpressionAttributeNames?: Record<string, string>;
    readonly ExpressionAttributeValues?: Record<string, unknown>;
  };
}

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
  async record(
    event: RatingEvent,
    nonce: { readonly id: string; readonly expiresAt: Date },
    consequences: SurveyConsequences = {},
  ): Promise<RecordOutcome> {
    // A solved case under retention expires (case-expiry.ts); its current rating goes with it. The
    // events stay: the reports' log (no address), which a later vote on a reopened case compares with.
    const expiry =
      consequences.supportCase === undefined ? consequences.caseExpiresAt : solvedExpiry(consequences.supportCase);
    const expiresAt = expiry === undefined ? {} : { expiresAt: expiry };
    // A later round's rating counts over an earlier round's, whenever either was given; a rating
    // without a round (recorded before rounds) is of the first.
    const round = event.round ?? 1;
    const current =
      round === 1
        ? '(attribute_not_exists(#round) OR #round = :round) AND ratedAt <= :ratedAt'
        : 'attribute_not_exists(#round) OR #round < :round OR (#round = :round AND ratedAt <= :ratedAt)';
    const outcome = await this.#commit([
      this.#guard(nonce, event.caseNumber),
      {
        Put: {
          TableName: this.tableName,
          Item: { ...caseRatingKey(event.caseNumber), type: 'rating', ...event, ...expiresAt },
          ConditionExpression: `attribute_not_exists(pk) OR ${current}`,
          ExpressionAttributeNames: { '#round': 'round' },
          ExpressionAttributeValues: { ':ratedAt': event.ratedAt, ':round': round },
        },
      },
      this.#put(
        { ...ratingEventKey(event.ratedAt, event.caseNumber, event.eventId), type: 'ratingEvent', ...event },
        'attribute_not_exists(pk)',
      ),
      ...this.#consequences(consequences),
    ]);
    if (outcome === 'recorded') await this.#keepReopened(consequences.supportCase);
    return outcome;
  }

  /** Records what a confirmed form other than a vote changed (a supervisor request), once per form nonce. */
  async recordRequest(
    nonce: { readonly id: string; readonly expiresAt: Date },
    caseNumber: number,
    consequences: SurveyConsequences,
  ): Promise<Exclude<RecordOutcome, 'superseded'>> {
    const outcome = await this.#commit([this.#guard(nonce, caseNumber), ...this.#consequences(consequences)]);
    if (outcome === 'superseded') throw new Error('A request without a rating cannot be superseded');
    if (outcome === 'recorded') await this.#keepReopened(consequences.supportCase);
    return outcome;
  }

  /** Writes items whose first is the form's guard; what a cancellation names says which condition failed. */
  async #commit(items: readonly TransactPut[]): Promise<RecordOutcome> {
    try {
      // Two votes on one case at once meet on its rating item; repeated, the later one wins or is superseded.
      await transactRetryingConflicts(this.doc, new TransactWriteCommand({ TransactItems: [...items] }));
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
      if (failed(0)) return 'replayed';
      const caseAt = items.findIndex((item) => item.Put.Item.type === 'case');
      if (caseAt >= 0 && failed(caseAt)) return 'case-changed';
      if (items[1]?.Put.Item.type === 'rating' && failed(1)) return 'superseded';
      throw error;
    }
  }

  #guard(nonce: { readonly id: string; readonly expiresAt: Date }, caseNumber: number) {
    return this.#put(
      {
        ...surveyFormKey(nonce.id),
        type: 'surveyForm',
        caseNumber,
        expiresAt: Math.ceil(nonce.expiresAt.getTime() / 1000) + GUARD_GRACE_S,
      },
      'attribute_not_exists(pk)',
    );
  }

  #consequences({ intake, supportCase }: SurveyConsequences) {
    return [
      ...(intake === undefined ? [] : [this.#put(intakeItem(intake), 'attribute_not_exists(pk)')]),
      ...(supportCase === undefined
        ? []
        : [
            this.#put(caseItem(supportCase, solvedExpiry(supportCase)), 'version = :previous', {
              ':previous': supportCase.version - 1,
            }),
          ]),
    ];
  }

  /** A vote that reopened an expiring case (a follow-up) keeps its conversation: the other items' expiry is cleared. */
  async #keepReopened(changed: SupportCase | undefined): Promise<void> {
    if (changed?.expiresAt === undefined || changed.status === 'solved') return;
    await new CaseExpiry(this.doc, this.tableName, true).stamp(changed.caseNumber, undefined);
  }

  #put(Item: Record<string, unknown>, ConditionExpression: string, values?: Record<string, unknown>): TransactPut {
    return {
      Put: {
        TableName: this.tableName,
        Item,
        ConditionExpression,
        ...(values ? { ExpressionAttributeValues: values } : {}),
      },
    };
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

/** A solved case keeps the expiry it was stored with; any other status has none. */
function solvedExpiry(supportCase: SupportCase): number | undefined {
  return supportCase.status === 'solved' ? supportCase.expiresAt : undefined;
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
  const { eventId, caseNumber, agentId, answer, comment, ratedAt, round } = item as unknown as RatingEvent;
  return {
    eventId,
    caseNumber: Number(caseNumber),
    agentId,
    answer,
    ...(comment === undefined ? {} : { comment }),
    ratedAt,
    ...(round === undefined ? {} : { round: Number(round) }),
  };
}
