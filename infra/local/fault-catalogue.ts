import type { IncomingHttpHeaders } from 'node:http';

/** The header the local stack puts on the functions' own SDK calls: only those are faulted, never the stack's or a test's. */
export const FAULTABLE_HEADER = 'x-mailcase-faultable';

/** The AWS services the local fault layer stands in front of. */
export type FaultService = 'dynamodb' | 's3' | 'sqs' | 'ses';

/**
 * What a faulted call gets: an error response as AWS writes it, a connection that hangs and is then
 * dropped (the SDK sees a timeout), or the call done and its response lost (the caller cannot know
 * it succeeded: the window where a send can happen twice).
 */
export type Fault =
  | {
      readonly kind: 'error';
      readonly name: string;
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: string;
    }
  | { readonly kind: 'timeout'; readonly name: 'Timeout' }
  | { readonly kind: 'lost-response'; readonly name: 'LostResponse' };

/** The request a fault is chosen for: enough to tell the operation and, for a transaction, its size. */
export interface FaultedRequest {
  readonly method?: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const TIMEOUT: Fault = { kind: 'timeout', name: 'Timeout' };
const LOST: Fault = { kind: 'lost-response', name: 'LostResponse' };

/** DynamoDB's JSON 1.0 error: HTTP status, `__type` with the service prefix, and the message. */
function dynamoError(status: number, type: string, message: string, extra: object = {}): Fault {
  return {
    kind: 'error',
    name: type,
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault' },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message, ...extra }),
  };
}

/** S3's REST-XML error document. */
function s3Error(status: number, code: string, message: string): Fault {
  return {
    kind: 'error',
    name: code,
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault</RequestId></Error>`,
  };
}

/** SQS's JSON protocol error (`x-amzn-query-error` carries the Query-era code, as SQS sends it). */
function sqsError(status: number, code: string, message: string): Fault {
  return {
    kind: 'error',
    name: code,
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${code};Receiver` },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }),
  };
}

/**
 * SES v2's REST-JSON error. Its throttle is 429 TooManyRequestsException "Maximum sending rate
 * exceeded." (what SES v1's Query API calls `Throttling`, status 400).
 */
function sesError(status: number, type: string, message: string): Fault {
  return {
    kind: 'error',
    name: type,
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: JSON.stringify({ message }),
  };
}

/** A transaction DynamoDB cancelled because another transaction held one of its items: one reason per item. */
function transactionConflict(request: FaultedRequest): Fault {
  const items = transactItemCount(request.body);
  const reasons = Array.from({ length: items }, (_, i) =>
    i === 0 ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' },
  );
  return dynamoError(
    400,
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    { CancellationReasons: reasons },
  );
}

function transactItemCount(body: Buffer): number {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const items =
      typeof parsed === 'object' && parsed !== null && 'TransactItems' in parsed ? parsed.TransactItems : undefined;
    return Array.isArray(items) ? Math.max(1, items.length) : 1;
  } catch {
    return 1;
  }
}

/** The operation a JSON-protocol request names in X-Amz-Target (`DynamoDB_20120810.PutItem` → `PutItem`). */
export function targetOperation(headers: IncomingHttpHeaders): string | undefined {
  const target = headers['x-amz-target'];
  return typeof target === 'string' ? target.split('.').pop() : undefined;
}

/** The operation a request is: X-Amz-Target's for DynamoDB and SQS, `SendEmail` for SES (the only one the functions call), the method for S3. */
export function operationOf(service: FaultService, request: FaultedRequest): string {
  if (service === 'ses') return 'SendEmail';
  if (service === 's3') return request.method ?? 'GET';
  return targetOperation(request.headers) ?? '';
}

/**
 * The faults each service really returns (AWS's error references and what the SDKs' retry
 * strategies name), with how often each is picked when a call is faulted.
 */
export function faultsFor(service: FaultService, request: FaultedRequest): ReadonlyArray<readonly [Fault, number]> {
  switch (service) {
    case 'dynamodb':
      return [
        [dynamoError(400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.'), 2],
        [
          dynamoError(
            400,
            'ProvisionedThroughputExceededException',
            'The level of configured provisioned throughput for the table was exceeded.',
          ),
          2,
        ],
        [dynamoError(500, 'InternalServerError', 'Internal server error'), 1],
        ...(targetOperation(request.headers) === 'TransactWriteItems'
          ? ([[transactionConflict(request), 3]] as const)
          : []),
        [TIMEOUT, 1],
        [LOST, 1],
      ];
    case 's3':
      return [
        [s3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'), 2],
        [s3Error(503, 'SlowDown', 'Please reduce your request rate.'), 2],
        [TIMEOUT, 1],
        [LOST, 1],
      ];
    case 'sqs':
      return [
        [sqsError(500, 'InternalError', 'We encountered an internal error. Please try again.'), 3],
        [TIMEOUT, 1],
        [LOST, 1],
      ];
    case 'ses':
      return [
        [sesError(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.'), 3],
        [sesError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.'), 1],
        [TIMEOUT, 1],
        [LOST, 1],
      ];
  }
}
