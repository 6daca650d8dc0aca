import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, type FunctionOptions } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { BuildOptions } from 'esbuild';
import { Construct } from 'constructs';
import type { CaseTable } from './case-table.ts';
import { assertEnvironmentFits } from './environment-size.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lambda unpacks the bundle here; the afterBundling hook precompiles templates/ into it, one module per file. */
export const TEMPLATES_DIR = '/var/task/templates';

/** esbuild emits ESM; some dependencies still call `require`, which ESM lacks. */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Imports the bundles resolve elsewhere than Node would:
 * - html-to-text: mailparser requires it (CommonJS) and our code imports it (ESM), which its
 *   `exports` resolve to two files, and esbuild would bundle both. Pointing our import at the
 *   CommonJS entry keeps one copy, with htmlparser2 and entities behind it: about 150 KB.
 *   functions/mail/html-quote-marks.ts imports that same parser, its DOM and its serializer;
 *   they point at the same CommonJS files for the same reason.
 * - the SDK's default credential chain: Lambda's credentials are always in the environment, so
 *   the bundles carry only that provider (see functions/adapters/lambda-credentials.ts): about
 *   110 KB less in each.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  'html-to-text': createRequire(import.meta.url).resolve('html-to-text'),
  htmlparser2: createRequire(import.meta.url).resolve('htmlparser2'),
  domhandler: createRequire(import.meta.url).resolve('domhandler'),
  'dom-serializer': createRequire(import.meta.url).resolve('dom-serializer'),
  '@aws-sdk/credential-provider-node': `${REPO_ROOT}functions/adapters/lambda-credentials.ts`,
};

/**
 * How esbuild bundles every function (NodejsFunction's defaults apply to the rest, e.g. `@aws-sdk/*`
 * stays external unless `bundleAwsSDK` is set). `npm run bench` builds and times this same bundle.
 */
export const FUNCTION_BUNDLING: Pick<
  BundlingOptions,
  | 'format'
  | 'banner'
  | 'mainFields'
  | 'target'
  | 'minify'
  | 'sourceMap'
  | 'sourcesContent'
  | 'bundleAwsSDK'
  | 'externalModules'
  | 'esbuildArgs'
> = {
  format: OutputFormat.ESM,
  banner: ESM_REQUIRE_BANNER,
  mainFields: ['module', 'main'],
  target: 'node22',
  minify: true,
  sourceMap: true,
  // Stack traces need only the mappings; without the sources inside, the map is a third the size and
  // Node (--enable-source-maps) loads it about 70 ms faster on a cold start of the intake function.
  sourcesContent: false,
  // The SDK version we test, tree-shaken into the bundle: it imports in half the time the runtime's
  // copy does (npm run bench measures both) and cannot change under a deployed function.
  bundleAwsSDK: true,
  esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([name, path]) => `${name}=${path}`) },
};

/**
 * FUNCTION_BUNDLING as esbuild's own options: what CDK hands esbuild's command line, so the bench
 * and the tests build the very bundle a deploy does.
 */
export function functionBuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: FUNCTION_BUNDLING.format === OutputFormat.CJS ? 'cjs' : 'esm',
    target: FUNCTION_BUNDLING.target,
    minify: FUNCTION_BUNDLING.minify,
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    sourcesContent: FUNCTION_BUNDLING.sourcesContent ?? true,
    mainFields: FUNCTION_BUNDLING.mainFields,
    ...(FUNCTION_BUNDLING.banner === undefined ? {} : { banner: { js: FUNCTION_BUNDLING.banner } }),
    alias: { ...BUNDLE_ALIASES },
    external: FUNCTION_BUNDLING.externalModules ?? (FUNCTION_BUNDLING.bundleAwsSDK === true ? [] : ['@aws-sdk/*']),
  };
}

/** DynamoDB actions the functions need: reads, conditional writes, and the per-item actions of TransactWriteItems. */
export const TABLE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:Query',
];

/** What every function of the project is built from, mail-sending or not. */
export interface PipelineFunctionProps {
  /** The handler file below functions/, e.g. `inbound/handler.ts`. */
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  /** The reply-token key, for a function that signs or checks tokens. @default none: the function may not read it */
  readonly replyTokenSecret?: ISecret;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default Duration.seconds(60) */
  readonly timeout?: Duration;
  /** @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
  /** Async retry and failure destination, where the function is invoked asynchronously. */
  readonly invocation?: Pick<FunctionOptions, 'retryAttempts' | 'onFailure'>;
  /** Executions the function may run at once, reserved from the account's pool. @default none reserved */
  readonly reservedConcurrentExecutions?: number;
  /** Ship the language detector beside the bundle (only intake decides a case's language). @default false */
  readonly languageDetector?: boolean;
}

export interface MailFunctionProps extends PipelineFunctionProps {
  readonly replyTokenSecret: ISecret;
  readonly caseTable: CaseTable;
  /** The SES identity and configuration set the function may send through. */
  readonly sendingResources: readonly string[];
}

/**
 * A function of the pipeline that sends mail: its own role with every permission written out, its
 * log group, the templates in the bundle, and the case table, SES and reply-token key it needs.
 */
export class MailFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: MailFunctionProps) {
    super(scope, id);
    ({ fn: this.fn, role: this.role } = addPipelineFunction(this, props));
    this.role.addToPolicy(
      new PolicyStatement({ actions: TABLE_ITEM_ACTIONS, resources: [props.caseTable.table.tableArn] }),
    );
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: [props.caseTable.statusIndexArn] }),
    );
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: [...props.sendingResources] }),
    );
  }
}

/**
 * Adds a function of the project to `scope`, as its children `Logs`, `Role` and `Function` (the ids
 * MailFunction always gave them, so deployed functions keep their logical ids): a role that may
 * write the function's logs (and read the reply-token key, if given) and nothing else yet, the bundle with the
 * templates in it, Node 22 on arm64. The caller grants what the function does.
 */
export function addPipelineFunction(
  scope: Construct,
  props: PipelineFunctionProps,
): { fn: NodejsFunction; role: Role } {
  const logGroup = new LogGroup(scope, 'Logs', {
    retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new Role(scope, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  props.replyTokenSecret?.grantRead(role);
  const environment = {
    ...props.environment,
    ...(props.replyTokenSecret === undefined ? {} : { REPLY_TOKEN_SECRET_ARN: props.replyTokenSecret.secretArn }),
    // Stack traces point into the TypeScript sources, through the bundled source map.
    NODE_OPTIONS: '--enable-source-maps',
  };
  assertEnvironmentFits(environment, scope.node.path);

  const fn = new NodejsFunction(scope, 'Function', {
    entry: `${REPO_ROOT}functions/${props.entry}`,
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: `${REPO_ROOT}package-lock.json`,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 1024,
    timeout: props.timeout ?? Duration.seconds(60),
    role,
    logGroup,
    environment,
    ...props.invocation,
    ...(props.reservedConcurrentExecutions === undefined
      ? {}
      : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
    bundling: {
      ...FUNCTION_BUNDLING,
      forceDockerBundling: false,
      // Errors only: a successful bundle's file-size table would bury what `cdk synth` has to say.
      logLevel: LogLevel.ERROR,
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        // The functions carry only Handlebars' runtime; their templates are compiled here, and a broken one fails the build.
        // The language detector rides beside the bundle, not in it (see functions/mail/language-detector.ts).
        afterBundling: (inputDir: string, outputDir: string) => [
          `node --import tsx "${inputDir}/infra/templates/compile-templates.ts" "${inputDir}/templates" "${outputDir}/templates"`,
          ...(props.languageDetector === true
            ? [`node --import tsx "${inputDir}/infra/templates/bundle-language-detector.ts" "${outputDir}"`]
            : []),
        ],
      },
    },
  });
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Pinned to Node.js 22 on purpose: the toolchain that builds and tests the function is Node 22, so production runs what the tests ran.',
  });
  return { fn, role };
}
