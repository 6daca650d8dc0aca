import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { CaseStore } from '../adapters/case-store.ts';
import { RatingStore } from '../adapters/rating-store.ts';
import { RawMailStore } from '../adapters/raw-mail-store.ts';
import { type AwsClients, createAwsClients } from '../adapters/aws-clients.ts';
import { readEnv } from '../config/env.ts';
import { METRIC, observability, SERVICE } from '../config/observability.ts';
import { pipelineDependencies } from '../config/pipeline-dependencies.ts';
import { handleSurveyRequest, type SurveyDependencies, type SurveyResult } from './handle-survey.ts';
import { pageResponse } from './survey-page.ts';
import { loadSurveyPages } from './survey-page-book.ts';
import { plainErrorPage } from './survey-words-by-language.ts';
import { readSurveyRequest } from './survey-request.ts';
import { initialiseOnce } from '../config/initialise-once.ts';

const { logger, metrics } = observability(SERVICE.survey);

/**
 * The survey function sends no closing message, so it has no survey address of its own: on AWS its
 * own URL in its own environment would be a cycle CloudFormation refuses. Survey links need none.
 */
const NO_SURVEY_LINKS = 'about:blank';

/**
 * Everything the survey function needs, built once per process: the table, the key, the pages, mail,
 * and the bucket the download links' files are read from (RAW_MAIL_BUCKET).
 */
export async function surveyDependencies(
  env: NodeJS.ProcessEnv = process.env,
  clients: AwsClients = createAwsClients(env),
): Promise<SurveyDependencies> {
  const tableName = readEnv('TABLE_NAME', env);
  const mail = await pipelineDependencies({ SURVEY_URL: NO_SURVEY_LINKS, ...env }, clients);
  return {
    files: new RawMailStore(clients.s3, readEnv('RAW_MAIL_BUCKET', env)),
    cases: new CaseStore(clients.doc, tableName),
    ratings: new RatingStore(clients.doc, tableName),
    mail,
    // Loaded when the function starts: a missing template fails the first request, not a later one.
    pages: await loadSurveyPages(readEnv('TEMPLATES_DIR', env), readEnv('SUPPORT_NAME', env)),
    settings: {
      replyTokenSecret: mail.settings.replyTokenSecret,
      surveyLinkDays: mail.settings.lifecycle.surveyLinkDays,
    },
    now: () => new Date(),
    newId: randomUUID,
  };
}

/**
 * The survey page behind a Lambda Function URL (and `npm start`'s local server). Every answer is a
 * page with a status; an unexpected failure is logged and answered with a plain 500 page.
 */
export function createSurveyHandler(deps: SurveyDependencies) {
  return middy(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const result = await handleSurveyRequest(readSurveyRequest(event), deps);
      record(result);
      return result.response;
    } catch (error) {
      logger.error('Survey request failed', error as Error);
      return deps.pages().problem('unexpected');
    }
    // No logMetrics middleware: a rating is published as it is recorded (singleMetric), and most
    // requests record none, which the middleware would warn about on every page view.
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}

function record(result: SurveyResult): void {
  if (result.outcome === 'no-page') return;
  const { response: _response, ...facts } = result;
  // The token and the comment stay out of the log: one is a credential, the other the customer's words.
  logger.info(
    'Survey request',
    result.outcome === 'recorded'
      ? {
          outcome: 'recorded',
          caseNumber: result.rating.caseNumber,
          agentId: result.rating.agentId,
          answer: result.rating.answer,
        }
      : facts,
  );
  if (result.outcome !== 'recorded') return;
  const rating = metrics.singleMetric();
  rating.addDimension('answer', result.rating.answer);
  rating.addMetric(METRIC.surveyRatings, MetricUnit.Count, 1);
}

const defaultHandler = initialiseOnce(() => surveyDependencies().then(createSurveyHandler));

/** Lambda entry point; dependencies are built on the first call, and again after a failed start. */
export const handler = async (
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> => {
  try {
    return await (await defaultHandler())(event, context);
  } catch (error) {
    logger.error('The survey function could not start', error as Error);
    return pageResponse(500, plainErrorPage(event.headers?.['accept-language']));
  }
};
