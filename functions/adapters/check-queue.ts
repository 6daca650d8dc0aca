import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SLA_CHECK_QUEUE } from '../config/resources.ts';
import type { CaseCheck } from '../core/follow-up.ts';

/** SendMessageBatch takes at most 10 entries. */
const MAX_BATCH = 10;

/**
 * The SQS queue of timed checks (response-time targets, pending follow-ups). A check is delayed until it is due, up to SQS's 15
 * minutes; the consumer re-queues one that arrives before its time, so any wait can be chained.
 */
export class CheckQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(checks: readonly CaseCheck[], now: Date): Promise<void> {
    for (let start = 0; start < checks.length; start += MAX_BATCH) {
      const batch = checks.slice(start, start + MAX_BATCH);
      const response = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((check, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify(check),
            DelaySeconds: delayUntil(new Date(check.dueAt), now),
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

/** Seconds to wait before a check is delivered: until it is due, at most SQS's 15 minutes. */
export function delayUntil(due: Date, now: Date): number {
  const seconds = Math.ceil((due.getTime() - now.getTime()) / 1000);
  return Math.min(SLA_CHECK_QUEUE.maxDelaySeconds, Math.max(0, seconds));
}
