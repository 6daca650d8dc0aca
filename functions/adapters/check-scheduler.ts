import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ScheduledCheck } from '../core/check-delivery.ts';

/** Where schedules live and what they deliver to: the group, the check queue, and the role Scheduler sends with. */
export interface CheckSchedulerTarget {
  readonly groupName: string;
  readonly queueArn: string;
  readonly roleArn: string;
}

/**
 * How long Scheduler keeps trying to put a check on the queue (its default is a day, 185 attempts):
 * a check a whole day late is still worth more than none, and the consumer judges it stale or due.
 */
const MAX_EVENT_AGE_SECONDS = 24 * 3600;

/** One schedule of the group, as ListSchedules tells it. */
export interface FoundSchedule {
  readonly name: string;
  readonly createdAt: Date;
}

/**
 * One-time EventBridge Scheduler schedules that put a check on the check queue at its time and
 * delete themselves after. Creating a schedule that exists (a retried outbox) and deleting one
 * that is gone (delivered, or deleted by a retry) are both taken as done: names are made from the
 * check, so the same name is the same check.
 */
export class CheckScheduler {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly target: CheckSchedulerTarget,
  ) {}

  /** Creates the schedules side by side (Scheduler has no batch call); a new case has about six. */
  async create(checks: readonly ScheduledCheck[]): Promise<void> {
    await Promise.all(
      checks.map(({ name, expression, check }) =>
        this.scheduler
          .send(
            new CreateScheduleCommand({
              Name: name,
              GroupName: this.target.groupName,
              ScheduleExpression: expression,
              FlexibleTimeWindow: { Mode: 'OFF' },
              ActionAfterCompletion: 'DELETE',
              Target: {
                Arn: this.target.queueArn,
                RoleArn: this.target.roleArn,
                Input: JSON.stringify(check),
                RetryPolicy: { MaximumEventAgeInSeconds: MAX_EVENT_AGE_SECONDS },
              },
            }),
          )
          .catch(unless(ConflictException)),
      ),
    );
  }

  /** Every schedule of the group whose name starts with `prefix`, page by page. */
  async list(prefix: string): Promise<FoundSchedule[]> {
    const found: FoundSchedule[] = [];
    let token: string | undefined;
    do {
      const page = await this.scheduler.send(
        new ListSchedulesCommand({ GroupName: this.target.groupName, NamePrefix: prefix, NextToken: token }),
      );
      for (const s of page.Schedules ?? [])
        if (s.Name !== undefined) found.push({ name: s.Name, createdAt: s.CreationDate ?? new Date(0) });
      token = page.NextToken;
    } while (token !== undefined);
    return found;
  }

  async delete(names: readonly string[]): Promise<void> {
    await Promise.all(
      names.map((name) =>
        this.scheduler
          .send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }))
          .catch(unless(ResourceNotFoundException)),
      ),
    );
  }
}

/** Rethrows anything but the one error that means the work is already done. */
function unless(done: new (...args: never[]) => Error) {
  return (error: unknown) => {
    if (!(error instanceof done)) throw error;
  };
}
