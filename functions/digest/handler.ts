import type { Context } from 'aws-lambda';
import { createMailClients, type MailClients } from '../adapters/aws-clients.ts';
import { CaseReader } from '../adapters/case-reader.ts';
import { MailSender } from '../adapters/mail-sender.ts';
import { RatingStore } from '../adapters/rating-store.ts';
import { ReportMailMarks } from '../adapters/report-mail-marks.ts';
import { CaseQueues } from '../adapters/case-queues.ts';
import { queueTeamReader } from '../config/current-team.ts';
import { readQueues } from '../config/queue-settings.ts';
import { DEFAULT_QUEUE_ID } from '../core/queues.ts';
import { readEnv } from '../config/env.ts';
import { initialiseOnce } from '../config/initialise-once.ts';
import { readReportPolicy } from '../config/report-settings.ts';
import { readTeam } from '../config/settings.ts';
import * as z from '../config/zod-mini.ts';
import { TemplateRenderer } from '../mail/render-template.ts';
import { sendReportMail, type ReportMailDependencies, type ReportMailOutcome } from '../reports/send-report-mail.ts';

/**
 * What the schedule passes (the EventBridge rule's input): which report mail to send; `force` (from
 * `support report --digest`) sends it again though this period's went already.
 */
const eventSchema = z.object({ kind: z.enum(['weekly-digest', 'agent-monthly']), force: z.optional(z.boolean()) });

/** The schedule's input was not a report mail this function sends. */
export class ReportMailEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportMailEventError';
  }
}

/** The report mail function's dependencies, from its environment (the same on AWS and locally). */
export async function reportMailDependencies(
  env: NodeJS.ProcessEnv = process.env,
  clients: MailClients = createMailClients(env),
): Promise<ReportMailDependencies> {
  const tableName = readEnv('TABLE_NAME', env);
  const supportAddress = readEnv('SUPPORT_ADDRESS', env).toLowerCase();
  const queues = readQueues(env);
  return {
    cases: new CaseReader(clients.doc, tableName),
    ratings: new RatingStore(clients.doc, tableName),
    marks: new ReportMailMarks(clients.doc, tableName),
    renderer: await TemplateRenderer.load(readEnv('TEMPLATES_DIR', env)),
    sender: new MailSender(clients.ses, supportAddress, readEnv('AWS_REGION', env)),
    settings: { supportAddress, supportName: readEnv('SUPPORT_NAME', env), policy: readReportPolicy(env) },
    currentTeam: queueTeamReader(clients.doc, tableName, [{ id: DEFAULT_QUEUE_ID, team: readTeam(env) }, ...queues]),
    queues,
    casesOfQueue: (queueId) => new CaseQueues(clients.doc, tableName, queueId),
    now: () => new Date(),
  };
}

/** The handler over given dependencies: the local stack's clock and the tests pass their own. */
export function createReportMailHandler(deps: () => Promise<ReportMailDependencies>) {
  return async (event: unknown, _context?: Context): Promise<ReportMailOutcome> => {
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success)
      throw new ReportMailEventError(
        `expected { "kind": "weekly-digest" | "agent-monthly" }, got ${JSON.stringify(event)}`,
      );
    return sendReportMail(parsed.data.kind, await deps(), { force: parsed.data.force === true });
  };
}

/** The deployed function: dependencies built on the first invocation, built again if that failed. */
export const handler = createReportMailHandler(initialiseOnce(() => reportMailDependencies()));
