import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SupportConfig } from '../config.ts';
import { inboundEnvironment } from '../function-environment.ts';
import type { CaseTable } from './case-table.ts';
import type { RawMailBucket } from './raw-mail-bucket.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lambda unpacks the bundle here; the afterBundling hook copies templates/ next to the code. */
const TEMPLATES_DIR = '/var/task/templates';

/** esbuild emits ESM; some dependencies still call `require`, which ESM lacks. */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Async invocations retried before the event goes to the failed-mail queue (Lambda allows 0-2). */
const RETRY_ATTEMPTS = 2;

/** DynamoDB actions intake needs: reads, conditional writes, and the per-item actions of TransactWriteItems. */
const TABLE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:Query',
];

export interface InboundFunctionProps {
  readonly caseTable: CaseTable;
  readonly rawMail: RawMailBucket;
  /** Support address, display name and limits; they become the function's environment. */
  readonly config: SupportConfig;
  /** ARN of the SES identity the function may send as. */
  readonly sendingIdentityArn: string;
  /** ARN of the configuration set sends go through. */
  readonly configurationSetArn: string;
  /**
   * Memory of the function in MiB; parsing MIME with attachments is memory- and CPU-bound.
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * Longest a single message may take.
   * @default Duration.seconds(60)
   */
  readonly timeout?: Duration;
  /**
   * How long the function's logs are kept.
   * @default RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: RetentionDays;
}

/**
 * The function SES invokes for every received message: it reads the raw message SES stored,
 * opens or updates the case, and sends the acknowledgement. Invocations that still fail after
 * `RETRY_ATTEMPTS` retries land in `failedMail` with the SES event, so no mail is dropped silently.
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
      reason: 'This queue is the on-failure destination of the inbound function; a message that reaches it is kept for a person to replay, not redriven again.',
    });

    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Our own role: no AWS-managed policy, every permission below is written out.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    const environment = inboundEnvironment(props.config, {
      tableName: caseTable.table.tableName,
      bucketName: rawMail.bucket.bucketName,
      templatesDir: TEMPLATES_DIR,
    });

    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}functions/inbound/handler.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(60),
      role,
      logGroup,
      environment: { ...environment },
      retryAttempts: RETRY_ATTEMPTS,
      onFailure: new SqsDestination(this.failedMail),
      bundling: {
        format: OutputFormat.ESM,
        banner: ESM_REQUIRE_BANNER,
        mainFields: ['module', 'main'],
        target: 'node22',
        minify: true,
        sourceMap: true,
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `mkdir -p "${outputDir}/templates"`,
            `cp -R "${inputDir}/templates/." "${outputDir}/templates/"`,
          ],
        },
      },
    });
    // Stack traces point into the TypeScript sources, through the bundled source map.
    this.fn.addEnvironment('NODE_OPTIONS', '--enable-source-maps');
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22 on purpose: the toolchain that builds and tests the function is Node 22, so production runs what the tests ran.',
    });

    rawMail.grantReadInbound(role);
    rawMail.grantWriteContent(role);
    role.addToPolicy(new PolicyStatement({ actions: TABLE_ITEM_ACTIONS, resources: [caseTable.table.tableArn] }));
    role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [caseTable.statusIndexArn] }));
    role.addToPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [props.sendingIdentityArn, props.configurationSetArn],
      }),
    );
  }
}
