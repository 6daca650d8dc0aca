import { Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const SCHEDULER_SERVICE = 'scheduler.amazonaws.com';

export interface CheckSchedulesProps {
  /** The check queue the schedules put each check on when it is due. */
  readonly queue: IQueue;
}

/**
 * Where checks due later than SQS can delay (15 minutes) wait: a schedule group of one-time
 * EventBridge Scheduler schedules, and the role Scheduler assumes to put a due check on the check
 * queue (sqs:SendMessage on that queue, nothing else). Functions that schedule checks are granted
 * schedules in this group only, and may pass this role only, only to Scheduler.
 */
export class CheckSchedules extends Construct {
  readonly group: ScheduleGroup;
  /** The role Scheduler sends checks with. */
  readonly deliveryRole: Role;
  private readonly queue: IQueue;

  constructor(scope: Construct, id: string, props: CheckSchedulesProps) {
    super(scope, id);
    this.queue = props.queue;
    this.group = new ScheduleGroup(this, 'Group');
    this.deliveryRole = new Role(this, 'DeliveryRole', {
      description: 'Assumed by EventBridge Scheduler to put a due response-time check on the check queue',
      // Only schedules of this account may use it (the confused-deputy guard Scheduler's guide asks for).
      assumedBy: new ServicePrincipal(SCHEDULER_SERVICE, {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    this.deliveryRole.addToPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.queue.queueArn] }),
    );
  }

  /** What a function that schedules checks is told (its environment). */
  get target(): { queueArn: string; groupName: string; roleArn: string } {
    return {
      queueArn: this.queue.queueArn,
      groupName: this.group.scheduleGroupName,
      roleArn: this.deliveryRole.roleArn,
    };
  }

  /**
   * Lets `role` create schedules in the group and pass the delivery role to Scheduler; with
   * `retire`, also find and delete the schedules a case no longer needs (the inbound function).
   */
  grantScheduling(role: Role, options: { readonly retire: boolean }): void {
    const actions = ['scheduler:CreateSchedule', ...(options.retire ? ['scheduler:DeleteSchedule'] : [])];
    role.addToPolicy(new PolicyStatement({ actions, resources: [this.schedulesArn] }));
    role.addToPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.deliveryRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': SCHEDULER_SERVICE } },
      }),
    );
    if (options.retire) {
      // ListSchedules has no resource-level permissions; the call names the group (and a case's prefix).
      role.addToPolicy(new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] }));
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'scheduler:ListSchedules has no resource-level permissions; that statement allows this one read-only action and nothing else.',
      });
    }
    const stack = Stack.of(this);
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${shown(stack.region, 'AWS::Region')}:${shown(stack.account, 'AWS::AccountId')}:schedule/${this.group.scheduleGroupName}/*]`,
      reason:
        'The wildcard is the schedule name within our own schedule group: one schedule per check, named when the check is made; no other group is reachable.',
    });
  }

  /** Every schedule of the group (names are made per check, so not known in advance). */
  get schedulesArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/*`,
    });
  }
}
