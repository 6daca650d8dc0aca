import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { LocalResources } from './local-resources.ts';
import { startLocalScheduler, type LocalScheduler } from './scheduler-local.ts';

/** The schedule group, as the CDK stack names its own from the stack. */
const LOCAL_SCHEDULE_GROUP = 'mailcase-checks';
/** Nobody assumes a role locally; the schedule still names one, as Scheduler requires. */
const LOCAL_SCHEDULER_ROLE_ARN = 'arn:aws:iam::000000000000:role/mailcase-check-scheduler';

/** The local Scheduler, and where the functions are told to schedule checks. */
export interface LocalCheckScheduler {
  readonly scheduler: LocalScheduler;
  readonly checkSchedule: { readonly queueArn: string; readonly groupName: string; readonly roleArn: string };
}

/**
 * Starts the local Scheduler with its schedules kept under the data folder (`scheduler/`), so a
 * restart still delivers what was scheduled; it puts each due check on the local check queue, and
 * every SDK client of this process reaches it through AWS_ENDPOINT_URL_SCHEDULER.
 */
export async function startLocalCheckScheduler(
  stateDir: string | undefined,
  resources: Pick<LocalResources, 'sqs' | 'checkQueue'>,
  options: { readonly region: string; readonly now?: () => Date },
): Promise<LocalCheckScheduler> {
  const { queueArn, queueUrl } = resources.checkQueue;
  const scheduler = await startLocalScheduler({
    region: options.region,
    ...(stateDir === undefined ? {} : { journalFile: join(stateDir, 'scheduler', 'schedules.jsonl') }),
    ...(options.now === undefined ? {} : { now: options.now }),
    async deliver(target) {
      if (target.arn !== queueArn) throw new Error(`No local queue has the ARN ${target.arn}`);
      await resources.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: target.input }));
    },
    onError: (error) => console.error('Local scheduler:', error),
  });
  process.env.AWS_ENDPOINT_URL_SCHEDULER = scheduler.endpoint;
  return { scheduler, checkSchedule: { queueArn, groupName: LOCAL_SCHEDULE_GROUP, roleArn: LOCAL_SCHEDULER_ROLE_ARN } };
}
