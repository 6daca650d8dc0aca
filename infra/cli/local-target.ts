import { readQueues } from '../../functions/config/queue-settings.ts';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../functions/adapters/aws-clients.ts';
import { RawMailStore } from '../../functions/adapters/raw-mail-store.ts';
import { createTableClients } from '../../functions/adapters/table-clients.ts';
import { readReportPolicy } from '../../functions/config/report-settings.ts';
import { readTeam } from '../../functions/config/settings.ts';
import { agentPassword } from '../local/agent-passwords.ts';
import { readStackFile, STACK_FILE_NAME, StackFileError, type StackFile } from '../local/stack-file.ts';
import { OperationError } from './command-line.ts';
import { readLocalDeadLetter } from './dead-letter-records.ts';
import { domainsOf, type DeadLetter, type Replayer, type Target } from './target.ts';
import { readEnv } from '../../functions/config/env.ts';

/** How long the local DynamoDB may take to answer before the stack counts as not running. */
const LOCAL_PING_TIMEOUT_MS = 3_000;
const START_IT = 'Start it with npm start (or name a deployed stack with --stack NAME).';

/** The local stack `npm start` runs, found through `<dataDir>/stack.json`. */
export async function openLocalTarget(dataDir: string): Promise<Target> {
  const stack = await readStackFile(dataDir).catch((error: unknown) => {
    if (error instanceof StackFileError) throw new OperationError(`${error.message}. ${START_IT}`, { cause: error });
    throw error;
  });
  if (!isRunning(stack.pid))
    throw new OperationError(
      `The local stack that wrote ${join(dataDir, STACK_FILE_NAME)} (process ${stack.pid}) is no longer running. ${START_IT}`,
    );
  const clients = localClients(stack);
  await clients.dynamo
    .send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(LOCAL_PING_TIMEOUT_MS) })
    .catch((error: unknown) => {
      clients.destroy();
      throw new OperationError(
        `The local stack in ${dataDir} does not answer at ${stack.endpoints.dynamodb}. ${START_IT}`,
        { cause: error },
      );
    });
  return {
    label: `the local stack in ${dataDir}`,
    deployed: false,
    region: stack.region,
    doc: clients.doc,
    tableName: stack.tableName,
    rawMail: new RawMailStore(clients.s3, stack.bucketName),
    receivingDomains: async () =>
      domainsOf(readEnv('SUPPORT_ADDRESS', stack.environment), readQueues(stack.environment)),
    configuredTeam: async () => readTeam(stack.environment),
    configuredQueues: async () => readQueues(stack.environment),
    reportPolicy: async () => readReportPolicy(stack.environment),
    sendWeeklyDigest: async () => {
      // The same function npm start runs on its schedule, built here over the same emulators: the mail
      // goes through the local SES into .local/mail.
      const { reportMailDependencies } = await import('../../functions/digest/handler.ts');
      const { sendReportMail } = await import('../../functions/reports/send-report-mail.ts');
      const deps = await reportMailDependencies({ ...stack.environment, AWS_REGION: stack.region }, clients);
      return sendReportMail('weekly-digest', deps, { force: true });
    },
    replayer: async () => localReplayer(stack, clients),
    localSmtp: { port: stack.smtpPort, passwordFor: (email) => agentPassword(stack.agentLoginKey, email) },
    close: () => clients.destroy(),
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** SDK clients pointed at the local emulators by explicit endpoints (whatever the environment says). */
function localClients(stack: StackFile): AwsClients & { destroy(): void } {
  const common = { region: stack.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const clients = {
    ...createTableClients({ ...common, endpoint: stack.endpoints.dynamodb, maxAttempts: 2 }),
    s3: new S3Client({ ...common, endpoint: stack.endpoints.s3, forcePathStyle: true }),
    ses: new SESv2Client({ ...common, endpoint: stack.endpoints.sesv2 }),
    sqs: new SQSClient({ ...common, endpoint: stack.endpoints.sqs, useQueueUrlAsEndpoint: false }),
    // A replayed mail schedules its checks on the running stack's local Scheduler.
    scheduler: new SchedulerClient({ ...common, endpoint: stack.endpoints.scheduler ?? stack.endpoints.sqs }),
  };
  return {
    ...clients,
    destroy: () => {
      for (const client of [clients.dynamo, clients.s3, clients.ses, clients.sqs, clients.scheduler]) client.destroy();
    },
  };
}

/**
 * Replays through the same inbound handler `npm start` runs, built in this process over the same
 * emulators and settings: what it sends goes through the local SES into `.local/mail` as usual.
 */
async function localReplayer(stack: StackFile, clients: AwsClients): Promise<Replayer> {
  // Before the handler's module creates its logger and metrics: a CLI prints outcomes, not log lines
  // or metrics (dev mode also sends Powertools' own warnings through `console`, filtered below).
  process.env.POWERTOOLS_DEV ??= 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const { createInboundHandler, inboundDependencies } = await import('../../functions/inbound/handler.ts');
  const { localContext } = await import('../local/lambda-context.ts');
  const handler = createInboundHandler(
    await inboundDependencies({ ...stack.environment, AWS_REGION: stack.region }, clients),
  );
  return {
    run: async (event) => {
      // A duplicate counts no metric, and Powertools warns about that even with metrics off.
      const warn = console.warn;
      console.warn = (...args: unknown[]) => {
        if (!String(args[0]).startsWith('No application metrics to publish')) warn(...args);
      };
      try {
        return await handler(event, localContext());
      } finally {
        console.warn = warn;
      }
    },
    deadLetters: () => localDeadLetters(stack.deadLetterDir),
  };
}

/** The dead-letter folder: one `<SES message id>.json` of `{ event, error }` per receipt that failed every retry. */
async function* localDeadLetters(folder: string): AsyncIterable<DeadLetter> {
  const files = (await readdir(folder).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const path = join(folder, file);
    const id = file.slice(0, -'.json'.length);
    const remove = () => rm(path, { force: true });
    try {
      yield { id, ...readLocalDeadLetter(JSON.parse(await readFile(path, 'utf8'))), remove };
    } catch (error) {
      yield {
        id,
        event: undefined,
        unreadable: `${path} is ${error instanceof SyntaxError ? 'not valid JSON' : error instanceof Error ? error.message : String(error)}`,
        remove,
      };
    }
  }
}
