import { parentPort } from 'node:worker_threads';
import type { SESEvent } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import { createAwsClients } from '../functions/adapters/aws-clients.ts';
import { readEnv } from '../functions/config/env.ts';
import { createInboundHandler, inboundDependencies } from '../functions/inbound/handler.ts';
import { localContext } from '../infra/local/local-stack.ts';
import { OWN_CODE, timedDependencies, type CpuSplit } from './cpu-split.ts';
import { threadCpuUsage } from './process-cpu.ts';
import { startProfiling, type ProfileShare } from './profile.ts';
import { realisticFloor, type FloorCalls } from './realistic-floor.ts';

/**
 * The inbound handler alone on its own thread, so the thread's CPU clock counts its CPU and
 * nothing else: the S3 and SES emulators stay on the main thread, DynamoDB Local in its JVM.
 * Built exactly as the local stack builds it, from the same environment.
 */
export type WorkerRequest =
  | { readonly invoke: SESEvent; readonly split?: boolean }
  | { readonly floor: { readonly rawKey: string; readonly calls: FloorCalls }; readonly split?: boolean }
  | { readonly parse: Uint8Array; readonly repeats: number }
  | { readonly profile: 'start' | 'stop'; readonly label?: string };

export interface InvokeReply {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly outcome: string | undefined;
  /** With `split`: its CPU by dependency call, and its own code's (bench/cpu-split.ts). */
  readonly split?: CpuSplit;
}

/** The realistic floor of one mail: its CPU and wall time, and the counted operations it had no stand-in for. */
export interface FloorReply {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly skipped: readonly string[];
  /** With `split`: its CPU by step (read, parse, each operation). */
  readonly split?: CpuSplit;
}

export interface ParseReply {
  /** Mean CPU of one simpleParser call on the message. */
  readonly cpuMs: number;
}

const port = parentPort;
if (port === null) throw new Error('bench/cpu-worker.ts runs as a worker thread of bench/cpu-floor.ts');
const threadCpuMs = () => {
  const usage = threadCpuUsage();
  return (usage.user + usage.system) / 1000;
};

// One set of clients for the handler and its floor, as the issue asks: the same clients, trivial payloads.
const clients = createAwsClients();
const deps = await inboundDependencies(process.env, clients);
const handler = createInboundHandler(deps);
let split: CpuSplit = {};
// The same dependencies with every call timed, for the mails whose CPU is split (not the measured
// ones: each timed call reads the clock twice, a few microseconds a mail the handler would not spend).
const splitHandler = createInboundHandler(
  timedDependencies(deps, ['rawMail', 'intakes', 'cases', 'checks', 'renderer', 'sender'], () => split, threadCpuMs),
);
const floor = realisticFloor(
  clients,
  {
    tableName: readEnv('TABLE_NAME'),
    bucketName: readEnv('RAW_MAIL_BUCKET'),
    supportAddress: readEnv('SUPPORT_ADDRESS'),
  },
  threadCpuMs,
);
let profiling: Awaited<ReturnType<typeof startProfiling>> | undefined;

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
    split = {};
    const [cpu, wall] = [threadCpuMs(), performance.now()];
    const outcomes = await (request.split ? splitHandler : handler)(request.invoke, localContext());
    const cpuMs = threadCpuMs() - cpu;
    const reply = { cpuMs, wallMs: performance.now() - wall, outcome: outcomes[0]?.outcome };
    if (!request.split) return reply;
    const inCalls = Object.values(split).reduce((sum, ms) => sum + ms, 0);
    return { ...reply, split: { ...split, [OWN_CODE]: cpuMs - inCalls } };
  }
  if ('floor' in request) {
    const steps: CpuSplit = {};
    const [cpu, wall] = [threadCpuMs(), performance.now()];
    const skipped = await floor(request.floor.rawKey, request.floor.calls, request.split ? steps : undefined);
    return {
      cpuMs: threadCpuMs() - cpu,
      wallMs: performance.now() - wall,
      skipped,
      ...(request.split ? { split: steps } : {}),
    };
  }
  const raw = Buffer.from(request.parse);
  const cpu = threadCpuMs();
  for (let i = 0; i < request.repeats; i++) await simpleParser(raw);
  return { cpuMs: (threadCpuMs() - cpu) / request.repeats };
}
