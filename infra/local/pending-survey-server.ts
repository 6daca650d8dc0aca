import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { startSurveyServer, type SurveyServer } from './survey-server.ts';

type SurveyHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** A survey server whose handler is given after it listens. */
export interface PendingSurveyServer extends SurveyServer {
  /** From now on, requests reach this handler. */
  attach(handler: SurveyHandler): void;
}

/**
 * Listening before the functions are configured, so closing messages carry its real address; it
 * answers once the survey handler is attached, which the local stack does before it returns.
 */
export async function startPendingSurveyServer(port: number): Promise<PendingSurveyServer> {
  let surveyHandler: SurveyHandler | undefined;
  const server = await startSurveyServer({
    port,
    handle: async (event) => {
      if (surveyHandler === undefined) throw new Error('The survey function is still starting');
      return surveyHandler(event);
    },
  });
  return {
    ...server,
    attach(handler) {
      surveyHandler = handler;
    },
  };
}
