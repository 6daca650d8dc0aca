import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { casePrefix, planCheckDelivery, staleSchedules, type QueuedCheck } from '../core/check-delivery.ts';
import type { CaseCheck } from '../core/follow-up.ts';
import type { CheckScheduler } from './check-scheduler.ts';

/** SendMessageBatch takes at most 10 entries. */
const MAX_BATCH = 10;

/**
 * The timed checks (response-time targets, pending follow-ups) on their way to the SQS queue the
 * consumer reads, each delivered once at its time: delayed on the queue when due within 15
 * minutes, through a one-time schedule when later (planCheckDelivery decides which).
 */
export class CheckQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly scheduler: CheckScheduler,
  ) {}

  async enqueue(checks: readonly CaseCheck[], now: Date): Promise<void> {
    const { queued, scheduled } = planCheckDelivery(checks, now);
    await this.sendDelayed(queued);
    await this.scheduler.create(scheduled);
  }

  /**
   * The checks of a case that changed at `changedAt`: queued and scheduled as enqueue does, then the
   * case's schedules created before the change that these checks no longer call for are deleted, so
   * a check made stale by an answer or a status change is never delivered.
   */
  async replace(caseNumber: number, checks: readonly CaseCheck[], now: Date, changedAt: Date): Promise<void> {
    const { queued, scheduled } = planCheckDelivery(checks, now);
    await this.sendDelayed(queued);
    const found = await this.scheduler.list(casePrefix(caseNumber));
    // A check the change left as it was is the schedule already there: only new ones are created.
    const existing = new Set(found.map((s) => s.name));
    await this.scheduler.create(scheduled.filter((s) => !existing.has(s.name)));
    await this.scheduler.delete(staleSchedules(found, scheduled, changedAt));
  }

  private async sendDelayed(checks: readonly QueuedCheck[]): Promise<void> {
    for (let start = 0; start < checks.length; start += MAX_BATCH) {
      const batch = checks.slice(start, start + MAX_BATCH);
      const response = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map(({ check, delaySeconds }, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify(check),
            DelaySeconds: delaySeconds,
          })),
        }),
      );
      const failed = response.Failed ?? [];
      if (failed.length > 0)
        throw new Error(
          `SQS refused ${failed.length} check(s): ${failed.map((f) => `${f.Code}: ${f.Message}`).join('; ')}`,
        );
    }
  }
}
