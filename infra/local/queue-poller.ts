import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** SQS hands out at most 10 messages per receive, as the Lambda event source mapping's batch. */
const BATCH_SIZE = 10;
/** Long-poll wait; short, so stopping the stack is quick. */
const WAIT_SECONDS = 1;
/** Lambda's SQS event source mapping starts with five concurrent pollers. */
const POLLERS = 5;

export interface QueuePoller {
  stop(): Promise<void>;
}

/**
 * The local stand-in for Lambda's SQS event source mapping: receives batches, invokes the handler
 * with the same event shape, and deletes what succeeded. Messages it reports as failed (or all of
 * them, if the handler throws) come back after their visibility timeout, and after the queue's
 * maxReceiveCount they move to the dead-letter queue, exactly as on AWS.
 */
export function startQueuePoller(options: {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  onError: (error: unknown) => void;
}): QueuePoller {
  let running = true;
  const poll = async () => {
    while (running) {
      try {
        const received = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: BATCH_SIZE,
            WaitTimeSeconds: WAIT_SECONDS,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        const messages = received.Messages ?? [];
        if (messages.length === 0) continue;
        const event: SQSEvent = { Records: messages.map((m) => toRecord(m, options.queueArn, options.region)) };
        const failed = new Set(
          await options.handler(event).then(
            (r) => (r?.batchItemFailures ?? []).map((f) => f.itemIdentifier),
            () => messages.map((m) => m.MessageId),
          ),
        );
        const done = messages.filter((m) => !failed.has(m.MessageId));
        if (done.length > 0) {
          await options.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.queueUrl,
              Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
            }),
          );
        }
      } catch (error) {
        if (running) options.onError(error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  const loops = Array.from({ length: POLLERS }, poll);
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

function toRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
