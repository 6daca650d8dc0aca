import { CfnOutput, Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FunctionUrlAuthType, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SupportConfig } from '../config.ts';
import { surveyEnvironment } from '../function-environment.ts';
import type { CheckSchedules } from './check-schedules.ts';
import type { CaseTable } from './case-table.ts';
import type { RawMailBucket } from './raw-mail-bucket.ts';
import { addPipelineFunction, TEMPLATES_DIR } from './mail-function.ts';

/**
 * A page view is one BatchGet and one Get, a vote one transaction: tens of milliseconds each. Ten at
 * once is a couple of hundred requests a second, far beyond people answering surveys and the link
 * scanners opening their mail, while a flood of requests can cost no more than ten executions and
 * never takes concurrency from the functions that handle mail.
 */
const DEFAULT_RESERVED_CONCURRENCY = 10;
/** A page renders in milliseconds; anything slower is stuck, and a person should see an error soon. */
const TIMEOUT = Duration.seconds(10);

/**
 * The survey function reads cases, the team and the suppression list (GetItem, BatchGetItem), and
 * records a vote, with the case it reopens and the outbox of mails it sets off, in one
 * TransactWriteItems of conditional Puts (PutItem); sending that outbox takes and releases its lease
 * and ticks sends off (UpdateItem). It queries one case's own items only to clear their expiry
 * when a vote reopens a solved case under retention, and never scans or deletes: a forged request
 * can at worst add a rating, and the follow-up it starts, that a signed link allows anyway.
 */
export const SURVEY_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  // A vote that reopens a solved case under retention clears the TTL of its messages (case-expiry.ts).
  'dynamodb:Query',
];

export interface SurveyEndpointProps {
  readonly config: SupportConfig;
  readonly caseTable: CaseTable;
  /** Where the files behind download links are: the function may read its decoded attachments only. */
  readonly rawMail: RawMailBucket;
  /** Signs and checks survey links and form nonces (the reply-token key). */
  readonly replyTokenSecret: ISecret;
  /** Where the checks of a follow-up's response target are queued. */
  readonly checkQueue: IQueue;
  /** Where its checks due later than SQS can delay are scheduled (and stale ones deleted). */
  readonly checkSchedules: CheckSchedules;
  /** The SES identity and configuration set the follow-up mails go out through. */
  readonly sendingResources: readonly string[];
  /**
   * Executions reserved for (and capping) the survey function. Lambda lets an account reserve only
   * what leaves 100 executions unreserved, so a new account with a low limit must raise it first.
   * @default 10
   */
  readonly reservedConcurrency?: number;
}

/**
 * The survey page and the files' download links on AWS: a function behind a public Lambda Function
 * URL. Public by design: links are signed and expire, a vote needs a POST with a nonce minted for
 * that link, and the function may only read cases, add ratings and read decoded attachments. No
 * CORS: only the page itself posts to it.
 */
export class SurveyEndpoint extends Construct {
  readonly fn: NodejsFunction;
  readonly functionUrl: FunctionUrl;
  /** The page's address, e.g. `https://<id>.lambda-url.<region>.on.aws/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SurveyEndpointProps) {
    super(scope, id);
    const { fn, role } = addPipelineFunction(this, {
      entry: 'survey/handler.ts',
      environment: {
        ...surveyEnvironment(props.config, {
          tableName: props.caseTable.table.tableName,
          templatesDir: TEMPLATES_DIR,
          bucketName: props.rawMail.bucket.bucketName,
          slaQueueUrl: props.checkQueue.queueUrl,
          checkSchedule: props.checkSchedules.target,
        }),
      },
      replyTokenSecret: props.replyTokenSecret,
      memorySize: 512,
      timeout: TIMEOUT,
      reservedConcurrentExecutions: props.reservedConcurrency ?? DEFAULT_RESERVED_CONCURRENCY,
    });
    role.addToPolicy(
      new PolicyStatement({ actions: SURVEY_TABLE_ACTIONS, resources: [props.caseTable.table.tableArn] }),
    );
    props.rawMail.grantReadAttachments(role);
    // A rating the team follows up mails the agent and the supervisor, through our identity only.
    role.addToPolicy(
      new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [...props.sendingResources] }),
    );
    props.checkQueue.grantSendMessages(role);
    // A follow-up re-times the case's checks: new ones scheduled, those it outgrew deleted.
    props.checkSchedules.grantScheduling(role, { retire: true });
    this.fn = fn;
    this.functionUrl = fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    this.url = this.functionUrl.url;
    // A plain output name, like the DNS records': `SurveyUrl` in the stack's outputs.
    new CfnOutput(this, 'SurveyUrl', {
      description: 'The survey page: where the links in closing messages point',
      value: this.url,
    }).overrideLogicalId('SurveyUrl');
  }
}
