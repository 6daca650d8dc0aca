import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Rule, EventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { EmailSendingEvent, EventDestination, type ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SERVICE } from '../../functions/config/observability.ts';
import type { SuppressionEnvironment } from '../../functions/config/resources.ts';
import type { CaseTable } from './case-table.ts';
import { addPipelineFunction } from './mail-function.ts';

/** The only writes the suppression function makes: conditional Puts of `SUPPRESSED#<address>` items. */
export const SUPPRESSION_TABLE_ACTIONS = ['dynamodb:PutItem'];
/** The partition keys it may write; nothing else in the case table. */
export const SUPPRESSION_LEADING_KEYS = ['SUPPRESSED#*'];

/** The event types that decide whether an address may be written to again. */
const SUPPRESSING_EVENTS = [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT];
/** How SES names them on EventBridge (`detail-type`). */
const SUPPRESSING_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received'];
/**
 * Lambda retries a failed asynchronous invocation at most twice; a write to the table that fails
 * three times over minutes is not a passing fault, and a person should look at the event.
 */
const FUNCTION_RETRY_ATTEMPTS = 2;
/** EventBridge keeps trying to hand an event over (throttling, a missing permission) for its default day. */
const DELIVERY_MAX_EVENT_AGE = Duration.hours(24);
const DELIVERY_RETRY_ATTEMPTS = 185;

export interface SuppressionListProps {
  /** Where the list is kept (`SUPPRESSED#<address>` items); every send reads it. */
  readonly caseTable: CaseTable;
  /** The configuration set every message goes through; its bounces and complaints feed the list. */
  readonly configurationSet: ConfigurationSet;
}

/**
 * Bounces and complaints feed the suppression list that sending respects. The configuration set
 * publishes BOUNCE and COMPLAINT events to EventBridge's default bus (SES can publish there only);
 * a rule for this configuration set's events invokes the suppression function, which may only put
 * `SUPPRESSED#` items. An event that cannot be delivered, or whose handling keeps failing, lands on
 * `failedEvents` (alarm on its depth in Monitoring).
 *
 * EventBridge rather than SNS: no topic and key to keep, a rule that filters by event type and
 * configuration set before anything runs, and retries and a dead-letter queue built into the target.
 */
export class SuppressionList extends Construct {
  readonly fn: NodejsFunction;
  /** Events that could not be delivered to the function, or whose handling failed after the retries. */
  readonly failedEvents: Queue;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: SuppressionListProps) {
    super(scope, id);
    const configurationSetName = props.configurationSet.configurationSetName;

    this.failedEvents = new Queue(this, 'FailedEvents', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedEvents).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the suppression events; its depth has an alarm and a person replays what lands there.',
    });

    const environment: SuppressionEnvironment = {
      TABLE_NAME: props.caseTable.table.tableName,
      POWERTOOLS_SERVICE_NAME: SERVICE.suppression,
    };
    const { fn, role } = addPipelineFunction(this, {
      entry: 'suppression/handler.ts',
      environment: { ...environment },
      memorySize: 256,
      timeout: Duration.seconds(10),
      invocation: { retryAttempts: FUNCTION_RETRY_ATTEMPTS, onFailure: new SqsDestination(this.failedEvents) },
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: SUPPRESSION_TABLE_ACTIONS,
        resources: [props.caseTable.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': SUPPRESSION_LEADING_KEYS } },
      }),
    );
    this.fn = fn;

    props.configurationSet.addEventDestination('Suppression', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: SUPPRESSING_EVENTS,
    });
    this.rule = new Rule(this, 'Rule', {
      description: `Bounces and complaints of mail sent through ${Stack.of(this).stackName}'s configuration set, to its suppression list`,
      eventPattern: {
        source: ['aws.ses'],
        detailType: SUPPRESSING_DETAIL_TYPES,
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(fn, {
          deadLetterQueue: this.failedEvents,
          maxEventAge: DELIVERY_MAX_EVENT_AGE,
          retryAttempts: DELIVERY_RETRY_ATTEMPTS,
        }),
      ],
    });
  }
}
