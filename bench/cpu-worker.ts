import { parentPort } from 'node:worker_threads';
import type { SESEvent } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import { createAwsClients } from '../functions/adapters/aws-clients.ts';
import { readEnv } from '../functions/config/env.ts';
import { createInboundHandler, inboundDependencies } from '../functions/inbound/handler.ts';
import { localContext } from '../infra/local/local-stack.ts';
import { startProfiling, type ProfileShare } from './profile.ts';
import { realisticFloor, type FloorCalls } from './realistic-floor.ts';

/**
 * The inbound handler alone on its own thread, so `process.threadCpuUsage()` counts its CPU and
 * nothing else: the S3 and SES emulators stay on the main thread, DynamoDB Local in its JVM.
 * Built exactly as the local stack builds it, from the same environment.
 */
export type WorkerRequest =
  | { readonly invoke: SESEvent }
  | { readonly floor: { readonly rawKey: string; readonly calls: FloorCalls } }
  | { readonly parse: Uint8Array; readonly repeats: number }
  | { readonly profile: 'start' | 'stop'; readonly label?: string };

export interface InvokeReply {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly outcome: string | undefined;
}

/** The realistic floor of one mail: its CPU and wall time, and the counted operations it had no stand-in for. */
export interface FloorReply {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly skipped: readonly string[];
}

export interface ParseReply {
  /** Mean CPU of one simpleParser call on the message. */
  readonly cpuMs: number;
}

const port = parentPort;
if (port === null) throw new Error('bench/cpu-worker.ts runs as a worker thread of bench/cpu-floor.ts');
// One set of clients for the handler and its floor, as the issue asks: the same clients, trivial payloads.
const clients = createAwsClients();
const handler = createInboundHandler(await inboundDependencies(process.env, clients));
const floor = realisticFloor(clients, {
  tableName: readEnv('TABLE_NAME'),
  bucketName: readEnv('RAW_MAIL_BUCKET'),
  supportAddress: readEnv('SUPPORT_ADDRESS'),
});
let profiling: Awaited<ReturnType<typeof startProfiling>> | undefined;

const threadCpuMs = () => {
  const usage = process.threadCpuUsage();
  return (usage.user + usage.system) / 1000;
};

port.on('message', (request: WorkerRequest) => {
  void answer(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => port.postMessage({ error: String(error) }),
  );
});
port.postMessage({ ready: true });

async function answer(request: WorkerRequest): Promise<InvokeReply | ParseReply | FloorReply | ProfileShare[]> {
  if ('profile' in request) {
    if (request.profile === 'stop') return (await profiling?.stop()) ?? [];
    profiling = await startProfiling(request.label);
    return [];
  }
  if ('invoke' in request) {
    const [cpu, wall] = [threadCpuMs(), performance.now()];
    const outcomes = await handler(request.invoke, localContext());
    return { cpuMs: threadCpuMs() - cpu, wallMs: performance.now() - wall, outcome: outcomes[0]?.outcome };
  }
  if ('floor' in request) {
    const [cpu, wall] = [threadCpuMs(), performance.now()];
    const skipped = await floor(request.floor.rawKey, request.floor.calls);
    return { cpuMs: threadCpuMs() - cpu, wallMs: performance.now() - wall, skipped };
  }
  const raw = Buffer.from(request.parse);
  const cpu = threadCpuMs();
  for (let i = 0; i < request.repeats; i++) await simpleParser(raw);
  return { cpuMs: (threadCpuMs() - cpu) / request.repeats };
}
