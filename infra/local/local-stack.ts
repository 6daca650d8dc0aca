import type { SESEvent } from 'aws-lambda';
import type { AwsClients } from '../../functions/adapters/aws-clients.ts';
import type { Team } from '../../functions/core/agents.ts';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import type { SupportConfig } from '../config.ts';
import { agentPassword } from './agent-passwords.ts';
import { openLocalFiles } from './local-files.ts';
import { configureFunctions, startLocalFunctions } from './local-functions.ts';
import { startLocalFaults, type FaultSettings, type LocalFaults } from './local-faults.ts';
import { startLocalMail } from './local-mail.ts';
import { createLocalResources, LOCAL_NAMES, startLocalEmulators } from './local-resources.ts';
import { startLocalCheckScheduler } from './local-check-scheduler.ts';
import { localSecrets } from './local-secrets.ts';
import { startPendingSurveyServer } from './pending-survey-server.ts';
import type { LocalZone } from './receipt-verdicts.ts';
import type { FiledCopy, LocalSes } from './ses-local.ts';
import type { LocalScheduler } from './scheduler-local.ts';
import type { SmtpIngress } from './smtp-ingress.ts';
import { removeStackFile, writeStackFile } from './stack-file.ts';

/** Where the bench and tests have always found it. */
export { localContext } from './lambda-context.ts';

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
  /** Keep every sent message in memory as `ses.sent` (tests). Default false, so memory stays flat over any number of mails. */
  readonly keepSentMail?: boolean;
  /** The clock both functions read; tests move it instead of waiting. Default: real time. */
  readonly now?: () => Date;
  /** Makes a share of the functions' AWS calls fail as AWS's do, and can crash an invocation (`npm start -- --faults`). Default: none. */
  readonly faults?: FaultSettings;
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
  /** The local EventBridge Scheduler that delivers checks due later than SQS can delay. */
  readonly scheduler: LocalScheduler;
  /** The SMTP AUTH password of the agent at `email` on the local port (user: that address); each agent has their own. */
  agentPassword(email: string): string;
  /** The team as stored now (cdk.json's, or as changed with `support agents`); the functions see a change within a minute. */
  currentTeam(): Promise<Team>;
  readonly ses: LocalSes;
  readonly ingress: SmtpIngress;
  /** The fault layer, when `faults` was given: what it injected, and crashing the next receipt at a step. */
  readonly faults: LocalFaults | undefined;
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
  const files = await openLocalFiles(options.dataDir);
  const emulators = await startLocalEmulators(files.stateDir);
  const secrets = await localSecrets(files.stateDir);
  const resources = await createLocalResources(emulators, config.region, secrets.replyTokenSecret);
  const { checkQueue } = resources;
  const faults = options.faults && (await startLocalFaults(options.faults, emulators));
  const checkScheduler = await startLocalCheckScheduler(files.stateDir, resources, {
    region: config.region,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const survey = await startPendingSurveyServer(options.surveyPort ?? 2580);
  const functionEnvironment = await configureFunctions(config, {
    templatesDir: files.templatesDir,
    slaQueueUrl: checkQueue.queueUrl,
    surveyUrl: survey.url,
    checkSchedule: checkScheduler.checkSchedule,
  });
  const functions = await startLocalFunctions({ ...options, localFaults: faults }, resources);
  survey.attach(functions.survey);
  const { ses, ingress } = await startLocalMail(options, { ...secrets, files, functions, s3: resources.s3, faults });
  const stackFile = await writeStackFile(files.filesDir, {
    region: config.region,
    endpoints: {
      dynamodb: emulators.dynamoEndpoint,
      s3: emulators.objectsEndpoint,
      sqs: emulators.objectsEndpoint,
      sesv2: ses.endpoint,
      scheduler: checkScheduler.scheduler.endpoint,
    },
    ...LOCAL_NAMES,
    checkQueueUrl: checkQueue.queueUrl,
    deadLetterDir: files.deadLetterDir,
    mailDir: files.mailDir,
    smtpPort: ingress.port,
    surveyUrl: survey.url,
    environment: { ...functionEnvironment, REPLY_TOKEN_SECRET: secrets.replyTokenSecret },
    agentLoginKey: secrets.agentLoginKey,
    config,
  });

  return {
    smtpPort: ingress.port,
    surveyUrl: survey.url,
    mailDir: files.mailDir,
    maildirDir: files.maildirDir,
    dataDir: files.stateDir,
    stackFile,
    ...LOCAL_NAMES,
    agentPassword: (email) => agentPassword(secrets.agentLoginKey, email),
    currentTeam: () => functions.currentTeam(),
    ses,
    ingress,
    faults,
    invoke: (event) => functions.invoke(event),
    idle: () => ingress.idle().then(() => ses.settled()),
    checkQueueUrl: checkQueue.queueUrl,
    checkDeadLetterQueueUrl: checkQueue.dlqUrl,
    scheduler: checkScheduler.scheduler,
    async stop() {
      await removeStackFile(stackFile);
      await ingress.stop();
      await ingress.idle();
      await survey.stop();
      await functions.stop();
      await checkScheduler.scheduler.stop();
      await ses.stop();
      await faults?.stop();
      await emulators.stop();
      resources.destroy();
      await files.close();
    },
  };
}
