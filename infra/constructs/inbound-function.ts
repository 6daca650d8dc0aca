import { Duration, Validations } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SupportConfig } from '../config.ts';
import { inboundEnvironment } from '../function-environment.ts';
import type { CaseTable } from './case-table.ts';
import type { CheckSchedules } from './check-schedules.ts';
import { MailFunction, TEMPLATES_DIR } from './mail-function.ts';
import type { RawMailBucket } from './raw-mail-bucket.ts';

/** Async invocations retried before the event goes to the failed-mail queue (Lambda allows 0-2). */
const RETRY_ATTEMPTS = 2;

export interface InboundFunctionProps {
  readonly caseTable: CaseTable;
  readonly rawMail: RawMailBucket;
  /** Support address, display name, team and targets; they become the function's environment. */
  readonly config: SupportConfig;
  /** ARNs of the SES identities the function may send as, and of the configuration set sends go through. */
  readonly sendingResources: readonly string[];
  readonly replyTokenSecret: ISecret;
  /** The queue response-time checks are sent to. */
  readonly checkQueue: Queue;
  /** Where checks due later than SQS can delay are scheduled (and deleted when a case no longer needs them). */
  readonly checkSchedules: CheckSchedules;
  /** Where survey links in closing messages point (the survey endpoint's URL). */
  readonly surveyUrl: string;
}

/**
 * The function SES invokes for every received message: it reads the raw message SES stored,
 * opens or updates the case, sends what the mail calls for and queues its response-time checks.
 * Invocations that still fail after `RETRY_ATTEMPTS` retries land in `failedMail` with the SES
 * event, so no mail is dropped silently.
 */
export class InboundFunction extends Construct {
  readonly fn: NodejsFunction;
  /** Events of messages whose processing failed after every retry; alarm on its depth. */
  readonly failedMail: Queue;

  constructor(scope: Construct, id: string, props: InboundFunctionProps) {
    super(scope, id);
    const { caseTable, rawMail } = props;

    this.failedMail = new Queue(this, 'FailedMail', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedMail).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the on-failure destination of the inbound function; a message that reaches it is kept for a person to replay, not redriven again.',
    });

    const mailFunction = new MailFunction(this, 'Handler', {
      entry: 'inbound/handler.ts',
      // A new case's language is told from its first mail here.
      languageDetector: true,
      environment: {
        ...inboundEnvironment(props.config, {
          tableName: caseTable.table.tableName,
          bucketName: rawMail.bucket.bucketName,
          templatesDir: TEMPLATES_DIR,
          slaQueueUrl: props.checkQueue.queueUrl,
          surveyUrl: props.surveyUrl,
          checkSchedule: props.checkSchedules.target,
        }),
      },
      caseTable,
      sendingResources: props.sendingResources,
      replyTokenSecret: props.replyTokenSecret,
      invocation: { retryAttempts: RETRY_ATTEMPTS, onFailure: new SqsDestination(this.failedMail) },
    });
    this.fn = mailFunction.fn;
    rawMail.grantReadInbound(mailFunction.role);
    rawMail.grantReadWriteContent(mailFunction.role);
    props.checkQueue.grantSendMessages(mailFunction.role);
    props.checkSchedules.grantScheduling(mailFunction.role, { retire: true });
  }
}
