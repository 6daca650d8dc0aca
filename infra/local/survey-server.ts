import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A Function URL takes request payloads up to 6 MB and answers 413 beyond; so does this server. */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;
/** Bodies a Function URL passes as text; it base64-encodes every other content type (forms included). */
const TEXT_CONTENT = /^(text\/|application\/(json|xml|javascript)|[^;]*\+(json|xml))/i;

export interface SurveyServer {
  /** The survey page's address, e.g. `http://127.0.0.1:2580/survey`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface SurveyServerOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Called with each request as a Function URL event (payload 2.0), as Lambda would. */
  readonly handle: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
}

/**
 * What a Lambda Function URL does for the survey function, on loopback: every request, on any path,
 * becomes a payload 2.0 event for the same handler, and its result becomes the HTTP response.
 */
export async function startSurveyServer(options: SurveyServerOptions): Promise<SurveyServer> {
  const server = createServer((request, response) => {
    void serve(request, response, options.handle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/survey`,
    port,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  handle: SurveyServerOptions['handle'],
): Promise<void> {
  const body = await readBody(request);
  if (body === undefined)
    return void response.writeHead(413, { 'Content-Type': 'text/plain' }).end('Request Entity Too Large');
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await handle(functionUrlEvent(request, body));
  } catch (error) {
    // Lambda answers a function that threw with a bare 502; the local console gets the reason.
    console.error('Survey function failed:', error);
    return void response.writeHead(502, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
  }
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(
    result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
  );
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The request as a Function URL hands it to Lambda: lower-case headers, repeated values joined by commas. */
function functionUrlEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const text = TEXT_CONTENT.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length === 0
      ? { isBase64Encoded: false }
      : { body: body.toString(text ? 'utf8' : 'base64'), isBase64Encoded: !text }),
  };
}
