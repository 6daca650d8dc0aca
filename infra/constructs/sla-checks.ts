import { SERVICE } from '../../functions/config/observability.ts';
import { Duration, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SupportConfig } from '../config.ts';
import { mailEnvironment } from '../function-environment.ts';
import { SLA_CHECK_QUEUE } from '../../functions/config/resources.ts';
import type { CaseTable } from './case-table.ts';
import { CheckSchedules } from './check-schedules.ts';
import { MailFunction, TEMPLATES_DIR } from './mail-function.ts';

/** Checks handed to the consumer at once; each is reported on its own (ReportBatchItemFailures). */
const BATCH_SIZE = 10;
/** The consumer's timeout: well under the queue's visibility timeout, so no check runs twice at once. */
const CONSUMER_TIMEOUT = Duration.seconds(60);

export interface SlaChecksProps {
  readonly config: SupportConfig;
  readonly caseTable: CaseTable;
  readonly sendingResources: readonly string[];
  readonly replyTokenSecret: ISecret;
  /** Where survey links in closing messages point (the survey endpoint's URL). */
  readonly surveyUrl: string;
}

/**
 * Response-time targets watched through SQS: the queue of checks (encrypted, TLS-only, with a
 * dead-letter queue), the schedules that put a later check on it when it is due, and the consumer
 * that sends warnings and breaches. Their alarms (the dead-letter queue's depth, consumer errors)
 * are with every other alarm, in Monitoring.
 */
export class SlaChecks extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly consumer: NodejsFunction;
  /** The schedule group and delivery role for checks due later than SQS can delay. */
  readonly schedules: CheckSchedules;

  constructor(scope: Construct, id: string, props: SlaChecksProps) {
    super(scope, id);
    const retentionPeriod = Duration.seconds(SLA_CHECK_QUEUE.retentionSeconds);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This is the dead-letter queue of the check queue; its depth has an alarm and a person replays what lands there.',
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod,
      visibilityTimeout: Duration.seconds(SLA_CHECK_QUEUE.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SLA_CHECK_QUEUE.maxReceiveCount },
    });

    this.schedules = new CheckSchedules(this, 'Schedules', { queue: this.queue });

    const mailFunction = new MailFunction(this, 'Consumer', {
      entry: 'alerts/handler.ts',
      environment: {
        ...mailEnvironment(
          props.config,
          {
            tableName: props.caseTable.table.tableName,
            templatesDir: TEMPLATES_DIR,
            slaQueueUrl: this.queue.queueUrl,
            surveyUrl: props.surveyUrl,
            checkSchedule: this.schedules.target,
          },
          SERVICE.slaChecks,
        ),
      },
      caseTable: props.caseTable,
      sendingResources: props.sendingResources,
      replyTokenSecret: props.replyTokenSecret,
      memorySize: 512,
      timeout: CONSUMER_TIMEOUT,
    });
    this.consumer = mailFunction.fn;
    this.consumer.addEventSource(
      new SqsEventSource(this.queue, { batchSize: BATCH_SIZE, reportBatchItemFailures: true }),
    );
    // A check that arrives before it is due is sent back to wait: on the queue, or scheduled again.
    this.queue.grantSendMessages(mailFunction.role);
    this.schedules.grantScheduling(mailFunction.role, { retire: false });
  }
}
