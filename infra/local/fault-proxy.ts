import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault, FaultService } from './fault-catalogue.ts';
import { FAULTABLE_HEADER } from './fault-catalogue.ts';
import type { FaultLayer } from './fault-layer.ts';

/**
 * How long a timed-out call hangs before its connection drops: long enough to be felt (the SDK
 * waits, then retries), short enough for a bench of thousands of calls.
 */
export const FAULT_TIMEOUT_HOLD_MS = 250;

export interface FaultProxy {
  /** Where the SDK should send this service's calls (AWS_ENDPOINT_URL_*). */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * An HTTP proxy in front of one emulator. The SDK clients do all their real work (signing,
 * serialising, parsing AWS's error bodies, their retry strategy); the proxy forwards each attempt,
 * or answers it as AWS does when it fails. `serviceOf` names the service of a request (fauxqs
 * serves S3 and SQS on one port).
 */
export async function startFaultProxy(
  target: string,
  faults: FaultLayer,
  serviceOf: (request: IncomingMessage) => FaultService,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const server: Server = createServer((request, response) => {
    readBody(request)
      .then((body) => {
        const fault = faults.choose(serviceOf(request), { method: request.method, headers: request.headers, body });
        return answer(fault, { request, response, body, upstream });
      })
      // An emulator that fails to answer looks to the SDK like a dropped connection, which it retries.
      .catch(() => response.destroy());
  });
  // The SDK keeps connections alive; a proxy that closed them first would fail calls it meant to let through.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly body: Buffer;
  readonly upstream: URL;
}

async function answer(fault: Fault | undefined, exchange: Exchange): Promise<void> {
  const { response } = exchange;
  if (fault?.kind === 'error') {
    response.writeHead(fault.status, { ...fault.headers, 'content-length': Buffer.byteLength(fault.body) });
    response.end(fault.body);
    return;
  }
  if (fault?.kind === 'timeout') {
    await new Promise((resolve) => setTimeout(resolve, FAULT_TIMEOUT_HOLD_MS));
    response.destroy();
    return;
  }
  const reply = await forward(exchange);
  // The call took effect; its answer never reaches the caller.
  if (fault?.kind === 'lost-response') response.destroy();
  else response.writeHead(reply.status, reply.headers).end(reply.body);
}

async function forward(
  exchange: Exchange,
): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  const { request, body, upstream } = exchange;
  const headers = Object.fromEntries(
    Object.entries({ ...request.headers, host: upstream.host }).filter(([name]) => name !== FAULTABLE_HEADER),
  );
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers },
      (incoming) => {
        readBody(incoming).then((replyBody) => {
          const replyHeaders: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(incoming.headers))
            if (value !== undefined && name !== 'connection' && name !== 'keep-alive') replyHeaders[name] = value;
          resolve({ status: incoming.statusCode ?? 502, headers: replyHeaders, body: replyBody });
        }, reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
