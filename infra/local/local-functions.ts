import { join, resolve } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, SESEvent } from 'aws-lambda';
import { createAwsClients, type AwsClients } from '../../functions/adapters/aws-clients.ts';
import { queueTeamReader, queueTeams } from '../../functions/config/current-team.ts';
import type { Team } from '../../functions/core/agents.ts';
import { agentOfAnyQueue } from '../../functions/core/queue-routing.ts';
import type { IntakeOutcome } from '../../functions/core/intake-outcome.ts';
import type { SupportConfig } from '../config.ts';
import { inboundEnvironment } from '../function-environment.ts';
import { compileTemplates } from '../templates/compile-templates.ts';
import { localContext } from './lambda-context.ts';
import type { LocalFaults } from './local-faults.ts';
import { LOCAL_NAMES, type LocalResources } from './local-resources.ts';
import { startQueuePoller } from './queue-poller.ts';
import { startLocalReportMail } from './local-report-mail.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The functions' environment, as the CDK stack gives it to each of them. */
export type FunctionEnvironment = ReturnType<typeof inboundEnvironment>;

/**
 * Compiles the templates and sets the functions' environment in this process. Precompiled at every
 * start as `cdk deploy` does it, so a template edited meanwhile is what runs.
 */
export async function configureFunctions(
  config: SupportConfig,
  where: Omit<Parameters<typeof inboundEnvironment>[1], 'tableName' | 'bucketName'>,
): Promise<FunctionEnvironment> {
  await compileTemplates(join(REPO_ROOT, 'templates'), where.templatesDir);
  const environment = inboundEnvironment(config, { ...LOCAL_NAMES, ...where });
  Object.assign(process.env, environment);
  return environment;
}

/** What of the stack's options the functions see. */
export interface LocalFunctionsOptions {
  readonly config: SupportConfig;
  readonly onOutcome?: (outcome: IntakeOutcome) => void;
  readonly onAwsClients?: (clients: AwsClients) => void;
  readonly now?: () => Date;
  /** Faults the functions' AWS calls and crashes inbound invocations, when switched on. */
  readonly localFaults?: LocalFaults | undefined;
}

/** The four functions, called in-process as their AWS triggers would call them. */
export interface LocalFunctions {
  /** The inbound function, as SES's Lambda action calls it; each outcome is also told to onOutcome. */
  invoke(event: SESEvent): Promise<IntakeOutcome[]>;
  /** The survey function, as its Function URL calls it. */
  survey(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2>;
  /** The suppression function, as the configuration set's event destination calls it. */
  feedback(event: Record<string, unknown>): Promise<unknown>;
  currentTeam(): Promise<Team>;
  /** Whether `address` (lower case) is an agent of any queue's team as it stands now. */
  isAgent(address: string): Promise<boolean>;
  /** Stops polling the check queue for the alerts function. */
  stop(): Promise<void>;
}

/**
 * Builds every function's handler and starts the check-queue poller for the alerts function. Call
 * after configureFunctions: the handlers' clients read the endpoints and environment set before.
 */
export async function startLocalFunctions(
  options: LocalFunctionsOptions,
  resources: LocalResources,
): Promise<LocalFunctions> {
  // Imported only now: the handlers' clients read the endpoints set before.
  const { createInboundHandler, inboundDependencies } = await import('../../functions/inbound/handler.ts');
  const { createAlertsHandler, alertDependencies } = await import('../../functions/alerts/handler.ts');
  const { createSurveyHandler, surveyDependencies } = await import('../../functions/survey/handler.ts');
  const { createSuppressionHandler, suppressionDependencies } = await import('../../functions/suppression/handler.ts');
  const clients = createAwsClients();
  options.onAwsClients?.(clients);
  options.localFaults?.arm(clients);
  const clock = options.now === undefined ? {} : { now: options.now };
  const inboundDeps = await inboundDependencies(process.env, clients);
  const handler = createInboundHandler({ ...inboundDeps, ...clock });
  // Read uncached (kept 0 ms): an agent added with `support agents add` logs in at once, as the CLI's output says.
  const currentTeam = queueTeamReader(resources.doc, LOCAL_NAMES.tableName, inboundDeps.settings.queues, 0);
  const alertsHandler = createAlertsHandler({ ...(await alertDependencies(process.env, clients)), ...clock });
  const surveyFunction = createSurveyHandler({ ...(await surveyDependencies(process.env, clients)), ...clock });
  const suppressionFunction = createSuppressionHandler({ ...suppressionDependencies(process.env), ...clock });
  const reportMail = await startLocalReportMail(clients, clock);
  const alerts = startQueuePoller({
    sqs: resources.sqs,
    ...resources.checkQueue,
    region: options.config.region,
    handler: (event) => alertsHandler(event, localContext()),
    onError: (error) => console.error('Check queue poller:', error),
  });
  return {
    async invoke(event) {
      const run = () => handler(event, localContext());
      const outcomes = await (options.localFaults === undefined ? run() : options.localFaults.invoke(event, run));
      for (const outcome of outcomes) options.onOutcome?.(outcome);
      return outcomes;
    },
    survey: (event) => surveyFunction(event, localContext()),
    feedback: (event) => suppressionFunction(event, localContext()),
    currentTeam: () => currentTeam(),
    // As intake tells an agent before it knows the case: an agent of any queue.
    isAgent: async (address) =>
      agentOfAnyQueue(await queueTeams({ settings: inboundDeps.settings, currentTeam }), address) !== undefined,
    stop: () => {
      reportMail.stop();
      return alerts.stop();
    },
  };
}
