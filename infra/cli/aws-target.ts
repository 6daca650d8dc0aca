import { readQueues } from '../../functions/config/queue-settings.ts';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { RawMailStore } from '../../functions/adapters/raw-mail-store.ts';
import { createTableClients } from '../../functions/adapters/table-clients.ts';
import { readEnv } from '../../functions/config/env.ts';
import { readReportPolicy } from '../../functions/config/report-settings.ts';
import { reportMailOutcomeSchema } from './report-mail-outcome.ts';
import { readTeam } from '../../functions/config/settings.ts';
import { STACK_OUTPUTS, type StackOutputName } from '../stack-outputs.ts';
import { OperationError } from './command-line.ts';
import { failedMailQueue } from './failed-mail-queue.ts';
import { domainsOf, type Replayer, type Target } from './target.ts';

/** What the inbound function returns: one outcome per receipt (read loosely: a newer function may say more). */
const outcomesSchema = z.array(
  z.looseObject({
    sesMessageId: z.string(),
    outcome: z.enum(['case-opened', 'case-updated', 'held', 'ignored', 'duplicate']),
    reason: z.string().optional(),
    caseNumber: z.number().optional(),
    sent: z.array(z.string()),
    acknowledged: z.boolean(),
  }),
);
const functionErrorSchema = z.object({ errorType: z.string().optional(), errorMessage: z.string().optional() });

/**
 * A deployed stack, found by its CloudFormation outputs (STACK_OUTPUTS); credentials and region as
 * the SDK reads them (AWS_PROFILE, AWS_REGION, the profile's region) unless `--region` says.
 */
export async function openAwsTarget(stackName: string, region: string | undefined): Promise<Target> {
  const config = region === undefined ? {} : { region };
  const outputs = await stackOutputs(stackName, config);
  const output = (name: StackOutputName) => {
    const value = outputs.values.get(name);
    if (value === undefined)
      throw new OperationError(
        `Stack ${stackName} has no output ${name}: deploy this version of the stack (npx cdk deploy) and try again.`,
      );
    return value;
  };
  const tableName = output(STACK_OUTPUTS.caseTable);
  const bucket = output(STACK_OUTPUTS.rawMailBucket);
  const functionName = output(STACK_OUTPUTS.inboundFunction);
  const queueUrl = output(STACK_OUTPUTS.failedMailQueue);
  const where = `stack ${stackName} (${outputs.region})`;
  const { dynamo, doc } = createTableClients(config);
  const s3 = new S3Client(config);
  const lambda = new LambdaClient(config);
  const sqs = new SQSClient(config);
  // The deployed function's own environment is the deploy configuration: the seeded team, the support address.
  let environment: Promise<Record<string, string>> | undefined;
  const functionEnvironment = () =>
    (environment ??= lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })).then(
      (response) => response.Environment?.Variables ?? {},
      (error: unknown) => explainAwsError(error, where),
    ));
  const replayer: Replayer = {
    run: async (event) => {
      const response = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          Payload: Buffer.from(JSON.stringify(event)),
        }),
      );
      const payload: unknown = JSON.parse(Buffer.from(response.Payload ?? Buffer.from('null')).toString('utf8'));
      if (response.FunctionError !== undefined) {
        const failure = functionErrorSchema.safeParse(payload);
        throw new Error(
          `the inbound function failed: ${failure.success ? [failure.data.errorType, failure.data.errorMessage].filter(Boolean).join(': ') : response.FunctionError}`,
        );
      }
      return outcomesSchema.parse(payload);
    },
    deadLetters: () => failedMailQueue(sqs, queueUrl),
  };
  return {
    label: where,
    deployed: true,
    region: outputs.region,
    doc,
    tableName,
    rawMail: new RawMailStore(s3, bucket),
    receivingDomains: async () => {
      const env = await functionEnvironment();
      return domainsOf(readEnv('SUPPORT_ADDRESS', env), readQueues(env));
    },
    configuredTeam: async () => readTeam(await functionEnvironment()),
    configuredQueues: async () => readQueues(await functionEnvironment()),
    reportPolicy: async () => readReportPolicy(await functionEnvironment()),
    sendWeeklyDigest: () => invokeWeeklyDigest(lambda, output(STACK_OUTPUTS.reportMailFunction), where),
    replayer: async () => replayer,
    close: () => {
      for (const client of [dynamo, s3, lambda, sqs]) client.destroy();
    },
  };
}

/** Runs the deployed report mail function's weekly digest now (as `support report --digest`). */
async function invokeWeeklyDigest(lambda: LambdaClient, functionName: string, where: string) {
  const response = await lambda
    .send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'RequestResponse',
        Payload: Buffer.from(JSON.stringify({ kind: 'weekly-digest', force: true })),
      }),
    )
    .catch((error: unknown) => explainAwsError(error, where));
  const payload: unknown = JSON.parse(Buffer.from(response.Payload ?? Buffer.from('null')).toString('utf8'));
  if (response.FunctionError !== undefined)
    throw new OperationError(`The report mail function failed: ${JSON.stringify(payload)}`);
  return reportMailOutcomeSchema.parse(payload);
}

async function stackOutputs(
  stackName: string,
  config: { region?: string },
): Promise<{ region: string; values: Map<string, string> }> {
  const cfn = new CloudFormationClient(config);
  try {
    const region = await cfn.config.region().catch(() => '');
    if (region === '')
      throw new OperationError(
        'Say which region the stack is in: --region REGION, or AWS_REGION, or a region in your AWS profile.',
      );
    const { Stacks: stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const values = new Map(
      (stacks[0]?.Outputs ?? []).flatMap((o) =>
        o.OutputKey && o.OutputValue ? [[o.OutputKey, o.OutputValue] as const] : [],
      ),
    );
    return { region, values };
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) {
      throw new OperationError(
        `There is no stack ${stackName} in this account and region: check --stack, --region and AWS_PROFILE.`,
        { cause: error },
      );
    }
    return explainAwsError(error, `stack ${stackName}`);
  } finally {
    cfn.destroy();
  }
}

/** Turns what the SDK says about a missing stack, table or credentials into one plain sentence. */
export function explainAwsError(error: unknown, where: string): never {
  if (!(error instanceof Error)) throw error;
  const known: Record<string, string> = {
    CredentialsProviderError: `No AWS credentials were found for ${where}: set AWS_PROFILE (or run aws sso login) and try again.`,
    ExpiredTokenException: `The AWS credentials for ${where} have expired: log in again (aws sso login) and try again.`,
    AccessDeniedException: `AWS refused access to ${where}: ${error.message}`,
    ResourceNotFoundException: `${where} has no such resource: ${error.message}`,
  };
  const message = known[error.name];
  if (message !== undefined) throw new OperationError(message, { cause: error });
  throw error;
}
