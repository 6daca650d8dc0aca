import { z } from 'zod';

/** What a kept failure holds: the event the inbound function failed on, and why, when known. */
export interface FailedReceipt {
  readonly event: unknown;
  readonly error?: string;
}

/** A file in the local dead-letter folder, as the local stack writes it: `{ event, error }`. */
const localRecord = z.object({ event: z.unknown(), error: z.string().optional() });

/**
 * The record Lambda sends an asynchronous invocation's on-failure destination (the failed-mail
 * queue): the original event is `requestPayload`; `responsePayload` says how the last try failed.
 */
const lambdaFailureRecord = z.object({
  requestContext: z
    .object({ condition: z.string().optional(), approximateInvokeCount: z.number().optional() })
    .optional(),
  requestPayload: z.unknown(),
  responsePayload: z.object({ errorType: z.string().optional(), errorMessage: z.string().optional() }).nullish(),
});

/** Reads a local dead letter's JSON; throws a plain error naming what is wrong. */
export function readLocalDeadLetter(json: unknown): FailedReceipt {
  const parsed = localRecord.safeParse(json);
  if (!parsed.success || parsed.data.event === undefined)
    throw new Error('not a dead letter of the local stack ({ event, error })');
  return { event: parsed.data.event, ...(parsed.data.error === undefined ? {} : { error: parsed.data.error }) };
}

/** Reads a failed-mail queue message's body (a Lambda on-failure record). */
export function readLambdaFailureRecord(body: string): FailedReceipt {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('not JSON, so not a Lambda on-failure record');
  }
  const parsed = lambdaFailureRecord.safeParse(json);
  if (!parsed.success || parsed.data.requestPayload === undefined)
    throw new Error('not a Lambda on-failure record (no requestPayload)');
  const { responsePayload, requestContext } = parsed.data;
  const why = [responsePayload?.errorType, responsePayload?.errorMessage].filter(Boolean).join(': ');
  const error = [why, requestContext?.condition].filter(Boolean).join(' ');
  return { event: parsed.data.requestPayload, ...(error === '' ? {} : { error }) };
}
