import { createMailClients, type MailClients } from '../adapters/aws-clients.ts';
import { CaseStore } from '../adapters/case-store.ts';
import { CheckQueue } from '../adapters/check-queue.ts';
import { CheckScheduler } from '../adapters/check-scheduler.ts';
import { IntakeStore } from '../adapters/intake-store.ts';
import { MailSender } from '../adapters/mail-sender.ts';
import { TeamStore } from '../adapters/team-store.ts';
import { TemplateRenderer } from '../mail/render-template.ts';
import { cachedTeam } from './current-team.ts';
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
      supportName: readEnv('SUPPORT_NAME', env),
      /** The deployed team; what counts at run time is `currentTeam()` (changed with the support CLI, or this). */
      team: configuredTeam,
      replyTokenSecret: await readReplyTokenSecret(env),
      businessHours: readBusinessHours(env),
      // The follow-up target is set with the other closing settings; every clock reads it with the targets.
      slaPolicy: {
        ...readSlaPolicy(env),
        ...(followUpResponseHours === undefined ? {} : { followUpResponse: followUpResponseHours }),
      },
      lifecycle,
      surveyUrl: readEnv('SURVEY_URL', env),
      files: readFilePolicy(env),
    },
    currentTeam: cachedTeam(new TeamStore(clients.doc, tableName, configuredTeam)),
    now: () => new Date(),
  };
}
