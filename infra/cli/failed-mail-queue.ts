import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { readLambdaFailureRecord } from './dead-letter-records.ts';
import type { DeadLetter } from './target.ts';

/**
 * How long a message being replayed stays hidden from this and any other reader: ten of them are
 * taken at once, and each replay may take up to the inbound function's 60 s timeout. One that is not
 * deleted (its replay failed) comes back after this, for the next run.
 */
const REPLAY_VISIBILITY_SECONDS = 15 * 60;
/** SQS's largest batch. */
const MAX_MESSAGES_PER_RECEIVE = 10;

/**
 * The failed-mail queue's messages (the inbound function's on-failure destination), each once per
 * run: a message is deleted only by `remove()`, after its replay succeeded.
 */
export async function* failedMailQueue(sqs: SQSClient, queueUrl: string): AsyncIterable<DeadLetter> {
  for (;;) {
    const { Messages: messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: MAX_MESSAGES_PER_RECEIVE,
        VisibilityTimeout: REPLAY_VISIBILITY_SECONDS,
        WaitTimeSeconds: 1,
      }),
    );
    if (messages.length === 0) return;
    for (const message of messages) {
      const id = message.MessageId ?? 'unknown';
      const remove = async () => {
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      };
      let record: ReturnType<typeof readLambdaFailureRecord>;
      try {
        record = readLambdaFailureRecord(message.Body ?? '');
      } catch (error) {
        yield {
          id,
          event: undefined,
          unreadable: `message ${id} is ${error instanceof Error ? error.message : String(error)}`,
          remove,
        };
        continue;
      }
      yield { id, ...record, remove };
    }
  }
}
