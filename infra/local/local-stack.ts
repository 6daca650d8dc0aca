import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, SESEvent } from 'aws-lambda';
import { createAwsClients, type AwsClients } from '../../functions/adapters/aws-clients.ts';
import { TeamStore } from '../../functions/adapters/team-store.ts';
import type { Team } from '../../functions/core/agents.ts';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import type { SupportConfig } from '../config.ts';
import { inboundEnvironment } from '../function-environment.ts';
import { compileTemplates } from '../templates/compile-templates.ts';
import { ensureBucket, ensureCaseTable, ensureCheckQueues, startDynamoDbLocal, startObjectAndQueueEmulator } from './emulators.ts';
import { agentPassword, isAgentPassword } from './agent-passwords.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { localSecrets } from './local-secrets.ts';
import { startQueuePoller } from './queue-poller.ts';
import { localResolver, type LocalZone } from './receipt-verdicts.ts';
import { startLocalSes, type FiledCopy, type LocalSes } from './ses-local.ts';
import { startSmtpIngress, type SmtpIngress } from './smtp-ingress.ts';
import { removeStackFile, writeStackFile } from './stack-file.ts';
import { startSurveyServer } from './survey-server.ts';
import { localContext } from './lambda-context.ts';

/** Where the bench and tests have always found it. */
export { localContext } from './lambda-context.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const LOCAL_NAMES = { tableName: 'mailcase-cases', bucketName: 'mailcase-raw-mail', checkQueueName: 'mailcase-sla-checks' } as const;
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' } as const;

export interface LocalStackOptions {
  readonly config: SupportConfig;
  /** Folder for state and delivered mail; omit to keep state in memory (mail goes to a temp folder). */
  readonly dataDir?: string;
  /** SMTP port on 127.0.0.1; 0 picks a free one. Default 2525. */
  readonly smtpPort?: number;
  /** Port of the survey page on 127.0.0.1 (what the Function URL is on AWS); 0 picks a free one. Default 2580. */
  readonly surveyPort?: number;
  /** DNS records served to mail authentication (DKIM keys, SPF, DMARC); nothing else resolves. */
  readonly zone?: LocalZone;
  readonly retryDelayMs?: number;
  /** Told about every receipt the inbound function finished. */
  readonly onOutcome?: (outcome: IntakeOutcome) => void;
  /** Told about every copy of a message we send, once filed for its recipient. */
  readonly onMailFiled?: (copy: FiledCopy) => void;
  /** Told about every receipt that failed all retries. */
  readonly onDeadLetter?: (event: SESEvent, error: unknown) => void;
  /** Given the inbound function's SDK clients before their first call (`npm run bench` counts calls with middleware). */
  readonly onAwsClients?: (clients: AwsClients) => void;
  /** The clock both functions read; tests move it instead of waiting. Default: real time. */
  readonly now?: () => Date;
}

export interface LocalStack {
  readonly smtpPort: number;
  /** The survey page, where the links in closing messages point (`http://127.0.0.1:<port>/survey`). */
  readonly surveyUrl: string;
  readonly mailDir: string;
  /** One Maildir per recipient (`<maildirDir>/<recipient>`), for `mutt -f` and other mail clients. */
  readonly maildirDir: string;
  readonly dataDir: string | undefined;
  /** `stack.json` in the data folder (a temporary one in memory): how the support CLI finds this stack; removed by stop(). */
  readonly stackFile: string;
  readonly tableName: string;
  readonly bucketName: string;
  readonly checkQueueUrl: string;
  readonly checkDeadLetterQueueUrl: string;
  /** The SMTP AUTH password of the agent at `email` on the local port (user: that address); each agent has their own. */
  agentPassword(email: string): string;
  /** The team as stored now (cdk.json's, or as changed with `support agents`); the functions see a change within a minute. */
  currentTeam(): Promise<Team>;
  readonly ses: LocalSes;
  readonly ingress: SmtpIngress;
  /** Calls the inbound function directly with an event, as a retried or repeated delivery would. */
  invoke(event: SESEvent): Promise<IntakeOutcome[]>;
  /** Resolves when all mail received so far, and all mail it caused to loop back, is processed. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole pipeline on this machine: DynamoDB Local, fauxqs for S3 (and SQS), a local SES that
 * keeps raw bytes, and an SMTP ingress that calls the real inbound handler with the SES event.
 * The handler's SDK clients reach the emulators through the SDK's standard endpoint variables.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { config } = options;
  const stateDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const scratch = stateDir === undefined ? await mkdtemp(join(tmpdir(), 'mailcase-')) : undefined;
  /** Where this run keeps its files: the data folder, or a scratch folder removed by stop(). */
  const filesDir = stateDir ?? (scratch as string);
  const mailDir = join(filesDir, 'mail');
  const maildirDir = join(filesDir, 'maildir');
  const deadLetterDir = join(filesDir, 'dead-letters');
  if (stateDir !== undefined) await mkdir(join(stateDir, 'dynamodb'), { recursive: true });
  // Before anything starts on the folder: a second stack would share DynamoDB Local's files.
  const lock = stateDir === undefined ? undefined : await lockDataDir(stateDir);
  await mkdir(mailDir, { recursive: true });

  const dynamo = await startDynamoDbLocal(stateDir === undefined ? {} : { path: join(stateDir, 'dynamodb') });
  const objects = await startObjectAndQueueEmulator(stateDir === undefined ? {} : { dataDir: join(stateDir, 'objects') });
  const secrets = await localSecrets(stateDir);
  // fauxqs serves S3 and SQS on one port; it reports the wildcard address it listens on.
  const objectsEndpoint = objects.address.replace('0.0.0.0', '127.0.0.1');
  Object.assign(process.env, LOCAL_CREDENTIALS, {
    REPLY_TOKEN_SECRET: secrets.replyTokenSecret,
    AWS_REGION: config.region,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: objectsEndpoint,
    AWS_ENDPOINT_URL_SQS: objectsEndpoint,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Metrics are CloudWatch's (EMF lines on stdout); locally they would only bury the output.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  const dynamoClient = new DynamoDBClient({});
  const s3 = new S3Client({ forcePathStyle: true });
  // The stack's own client (queue set-up, the event-source poller), apart from the handlers'.
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  await ensureCaseTable(dynamoClient, LOCAL_NAMES.tableName);
  await ensureBucket(s3, LOCAL_NAMES.bucketName);
  const checkQueue = await ensureCheckQueues(sqs, LOCAL_NAMES.checkQueueName);
  // Listening before the functions are configured, so closing messages carry its real address; it
  // answers once the survey handler exists, which is before this function returns.
  let surveyHandler: ((event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>) | undefined;
  const survey = await startSurveyServer({
    port: options.surveyPort ?? 2580,
    handle: async (event) => {
      if (surveyHandler === undefined) throw new Error('The survey function is still starting');
      return surveyHandler(event);
    },
  });
  // Precompiled at every start as `cdk deploy` does it, so a template edited meanwhile is what runs.
  const templatesDir = join(filesDir, 'templates');
  await compileTemplates(join(REPO_ROOT, 'templates'), templatesDir);
  const functionEnvironment = inboundEnvironment(config, { ...LOCAL_NAMES, templatesDir, slaQueueUrl: checkQueue.queueUrl, surveyUrl: survey.url });
  Object.assign(process.env, functionEnvironment);

  // Imported only now: the handlers' clients read the endpoints set just above.
  const { createInboundHandler, inboundDependencies } = await import('../../functions/inbound/handler.ts');
  const { createAlertsHandler, alertDependencies } = await import('../../functions/alerts/handler.ts');
  const { createSurveyHandler, surveyDependencies } = await import('../../functions/survey/handler.ts');
  const { createSuppressionHandler, suppressionDependencies } = await import('../../functions/suppression/handler.ts');
  const clients = createAwsClients();
  options.onAwsClients?.(clients);
  const clock = options.now === undefined ? {} : { now: options.now };
  const inboundDeps = await inboundDependencies(process.env, clients);
  const handler = createInboundHandler({ ...inboundDeps, ...clock });
  // Read uncached: an agent added with `support agents add` logs in at once, as the CLI's output says.
  const teams = new TeamStore(clients.doc, LOCAL_NAMES.tableName, inboundDeps.settings.team);
  const currentTeam = async () => (await teams.current()).team;
  const alertsHandler = createAlertsHandler({ ...(await alertDependencies(process.env, clients)), ...clock });
  const surveyFunction = createSurveyHandler({ ...(await surveyDependencies(process.env, clients.doc)), ...clock });
  surveyHandler = (event) => surveyFunction(event, localContext());
  const suppressionFunction = createSuppressionHandler({ ...suppressionDependencies(process.env), ...clock });
  const alerts = startQueuePoller({
    sqs,
    ...checkQueue,
    region: config.region,
    handler: (event) => alertsHandler(event, localContext()),
    onError: (error) => console.error('Check queue poller:', error),
  });

  const invoke = async (event: SESEvent): Promise<IntakeOutcome[]> => {
    const outcomes = await handler(event, localContext());
    for (const outcome of outcomes) options.onOutcome?.(outcome);
    return outcomes;
  };

  let ingress: SmtpIngress | undefined;
  const ses = await startLocalSes({
    region: config.region,
    mailDir,
    maildirDir,
    ...(options.onMailFiled === undefined ? {} : { onFiled: options.onMailFiled }),
    loopbackDomains: [config.domain],
    // What the configuration set's event destination does on AWS: bounces and complaints reach the suppression function.
    onFeedbackEvent: (event) => suppressionFunction(event, localContext()),
    onLoopback: (mail, recipients) => {
      void ingress?.receive(mail.raw, { sender: mail.from, recipients, ip: '127.0.0.1', helo: 'localhost' });
    },
  });
  process.env.AWS_ENDPOINT_URL_SESV2 = ses.endpoint;
  ingress = await startSmtpIngress({
    port: options.smtpPort ?? 2525,
    region: config.region,
    domains: [config.domain],
    resolver: localResolver(options.zone ?? {}),
    ...clock,
    agentLogin: {
      checkPassword: (address, password) => isAgentPassword(secrets.agentLoginKey, address, password),
      isAgent: async (address) => (await currentTeam()).agents.some((a) => a.email.toLowerCase() === address),
    },
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    storeRaw: async (key, raw) => {
      await s3.send(new PutObjectCommand({ Bucket: LOCAL_NAMES.bucketName, Key: key, Body: raw }));
    },
    invoke: async (event) => {
      await invoke(event);
    },
    onDeadLetter: async (event, error) => {
      await mkdir(deadLetterDir, { recursive: true });
      const id = event.Records[0]?.ses.mail.messageId ?? randomUUID();
      await writeFile(join(deadLetterDir, `${id}.json`), JSON.stringify({ event, error: String(error) }, null, 2));
      options.onDeadLetter?.(event, error);
    },
  });
  const running = ingress;
  const stackFile = await writeStackFile(filesDir, {
    region: config.region,
    endpoints: { dynamodb: dynamo.endpoint, s3: objectsEndpoint, sqs: objectsEndpoint, sesv2: ses.endpoint },
    ...LOCAL_NAMES,
    checkQueueUrl: checkQueue.queueUrl,
    deadLetterDir,
    mailDir,
    smtpPort: running.port,
    surveyUrl: survey.url,
    environment: { ...functionEnvironment, REPLY_TOKEN_SECRET: secrets.replyTokenSecret },
    agentLoginKey: secrets.agentLoginKey,
    config,
  });

  return {
    smtpPort: running.port,
    surveyUrl: survey.url,
    mailDir,
    maildirDir,
    dataDir: stateDir,
    stackFile,
    ...LOCAL_NAMES,
    agentPassword: (email) => agentPassword(secrets.agentLoginKey, email),
    currentTeam,
    ses,
    ingress: running,
    invoke,
    idle: () => running.idle().then(() => ses.settled()),
    checkQueueUrl: checkQueue.queueUrl,
    checkDeadLetterQueueUrl: checkQueue.dlqUrl,
    async stop() {
      await removeStackFile(stackFile);
      await running.stop();
      await running.idle();
      await survey.stop();
      await alerts.stop();
      sqs.destroy();
      await ses.stop();
      await objects.stop();
      await dynamo.stop();
      dynamoClient.destroy();
      s3.destroy();
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
      await lock?.release();
    },
  };
}
