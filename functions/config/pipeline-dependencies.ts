import { createMailClients, type MailClients } from '../adapters/aws-clients.ts';
import { CaseStore } from '../adapters/case-store.ts';
import { CheckQueue } from '../adapters/check-queue.ts';
import { CheckScheduler } from '../adapters/check-scheduler.ts';
import { IntakeStore } from '../adapters/intake-store.ts';
import { MailSender } from '../adapters/mail-sender.ts';
import { TemplateRenderer } from '../mail/render-template.ts';
import { DEFAULT_QUEUE_ID, type SupportQueue } from '../core/queues.ts';
import { queueTeamReader } from './current-team.ts';
import { readQueues, readWriting } from './queue-settings.ts';
import { readEnv } from './env.ts';
import {
  readBusinessHours,
  readFilePolicy,
  readLifecyclePolicy,
  readReplyTokenSecret,
  readSlaPolicy,
  readTeam,
} from './settings.ts';

/**
 * What every function of the pipeline works with, built once per process from its environment.
 * `clients` defaults to fresh SDK clients; the local stack passes its own so `npm run bench` can
 * count calls.
 */
export async function pipelineDependencies(
  env: NodeJS.ProcessEnv = process.env,
  clients: MailClients = createMailClients(env),
) {
  const supportAddress = readEnv('SUPPORT_ADDRESS', env).toLowerCase();
  const tableName = readEnv('TABLE_NAME', env);
  const configuredTeam = readTeam(env);
  const lifecycle = readLifecyclePolicy(env);
  const { followUpResponseHours } = lifecycle;
  // The follow-up target is set with the other closing settings; every queue's clocks read it with its targets.
  const withFollowUp = (policy: SupportQueue['slaPolicy']) => ({
    ...policy,
    ...(followUpResponseHours === undefined ? {} : { followUpResponse: followUpResponseHours }),
  });
  const writing = readWriting(env);
  const defaultQueue: SupportQueue = {
    id: DEFAULT_QUEUE_ID,
    address: supportAddress,
    displayName: readEnv('SUPPORT_NAME', env),
    team: configuredTeam,
    businessHours: readBusinessHours(env),
    slaPolicy: withFollowUp(readSlaPolicy(env)),
    ...writing,
  };
  const queues = [defaultQueue, ...readQueues(env).map((q) => ({ ...q, slaPolicy: withFollowUp(q.slaPolicy) }))];
  return {
    cases: new CaseStore(clients.doc, tableName),
    intakes: new IntakeStore(clients.doc, tableName, lifecycle.solvedCaseRetentionDays),
    checks: new CheckQueue(
      clients.sqs,
      readEnv('SLA_QUEUE_URL', env),
      new CheckScheduler(clients.scheduler, {
        groupName: readEnv('CHECK_SCHEDULE_GROUP', env),
        queueArn: readEnv('SLA_QUEUE_ARN', env),
        roleArn: readEnv('CHECK_SCHEDULER_ROLE_ARN', env),
      }),
    ),
    sender: new MailSender(clients.ses, supportAddress, readEnv('AWS_REGION', env)),
    renderer: await TemplateRenderer.load(readEnv('TEMPLATES_DIR', env)),
    settings: {
      supportAddress,
      supportName: defaultQueue.displayName,
      /** The deployed team; what counts at run time is `currentTeam()` (changed with the support CLI, or this). */
      team: configuredTeam,
      replyTokenSecret: await readReplyTokenSecret(env),
      businessHours: defaultQueue.businessHours,
      slaPolicy: defaultQueue.slaPolicy,
      lifecycle,
      surveyUrl: readEnv('SURVEY_URL', env),
      files: readFilePolicy(env),
      queues,
      queueId: DEFAULT_QUEUE_ID,
      ...writing,
    },
    currentTeam: queueTeamReader(clients.doc, tableName, queues),
    now: () => new Date(),
  };
}
