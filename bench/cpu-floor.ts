import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ReceiptVerdicts } from '../functions/core/intake-decision.ts';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { buildReceiptEvent } from '../infra/local/receipt-event.ts';
import type { FloorReply, InvokeReply, ParseReply, WorkerRequest } from './cpu-worker.ts';
import type { BenchMail, MailKind } from './mail-mix.ts';
import { addSplit, type CpuSplit } from './cpu-split.ts';
import { sampleCpu, threadCpuUsage } from './process-cpu.ts';
import { mergeShares, type ProfileShare } from './profile.ts';
import type { FloorCalls } from './realistic-floor.ts';
import { mean, round } from './stats.ts';

type InvokeRequest = Extract<WorkerRequest, { invoke: unknown }>['invoke'];

/** What SES gives authentic mail (agents' mail is DMARC-aligned, as their logged-in SMTP is locally). */
const PASS: ReceiptVerdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

/** CPU of one mail: the handler on its own thread against mailparser alone on the same bytes. */
export interface KindCpu {
  readonly mails: number;
  readonly handlerCpuMs: number;
  readonly parseCpuMs: number;
  /** handler CPU / parse-only CPU: the target is at most 2. */
  readonly ratio: number;
  /** Wall time of the invocation (Lambda bills this), against the local emulators. */
  readonly handlerWallMs: number;
  /** CPU the in-process S3 and SES emulators spent serving it (main thread). */
  readonly s3SesEmulatorCpuMs: number;
  /** CPU DynamoDB Local's JVM spent serving it (10 ms clock ticks, so a mean over many mails). */
  readonly dynamoDbLocalCpuMs: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /**
   * The realistic floor (bench/realistic-floor.ts): read and parse the stored mail, then the SDK
   * calls the kind has to make, on the handler's clients with trivial payloads. Absent when the
   * kind's work was not counted.
   */
  readonly realisticFloorCpuMs?: number;
  /** handler CPU / realistic floor CPU: the target is at most 1.2. */
  readonly realisticRatio?: number;
  /** Counted operations the floor had no stand-in for (then it is lower than it should be). */
  readonly floorSkipped?: readonly string[];
}

export interface CpuFloorResult {
  readonly all: KindCpu;
  readonly byKind: Readonly<Partial<Record<MailKind, KindCpu>>>;
  /** Where the handler's thread spent its CPU, from a profiled pass after the measured one. */
  readonly handlerProfile: readonly ProfileShare[];
  /** The realistic floors of the same profiled mails, profiled alike: the gap between the two is the handler's own work. */
  readonly floorProfile: readonly ProfileShare[];
  /** Mails in each profiled pass. */
  readonly profiledMails: number;
  /** Where the CPU of the split mails went, handler beside floor, mean ms a mail (bench/cpu-split.ts): the whole mix, and by kind. */
  readonly split: SplitMeans & { readonly byKind: Partial<Record<MailKind, SplitMeans>> };
}

/** Split mails' CPU, handler and floor, mean ms a mail by part. */
export interface SplitMeans {
  readonly mails: number;
  readonly handler: CpuSplit;
  readonly floor: CpuSplit;
}

/** Split mails' CPU summed so far. */
type SplitSums = { mails: number; readonly handler: CpuSplit; readonly floor: CpuSplit };

interface Sample {
  readonly kind: MailKind;
  readonly handler: InvokeReply;
  readonly parseCpuMs: number;
  readonly mainCpuMs: number;
  readonly jvmMs: number;
  readonly floor?: FloorReply;
}

/**
 * Direct invocations, one at a time, of raw messages already stored (as SES's S3 action leaves
 * them): `warmup` unmeasured, then the measured ones, each followed by `simpleParser` alone on it
 * `parseRepeats` times; then `split` mails whose handler and floor CPU is split by call (not
 * measured: timing each call costs a little); the last `profiled` mails run under the CPU profiler.
 */
export async function measureCpuFloor(
  stack: LocalStack,
  mails: readonly BenchMail[],
  options: {
    warmup: number;
    split: number;
    profiled: number;
    parseRepeats: number;
    region: string;
    /** The SDK calls each kind makes, counted on the handler's clients earlier in the run (its realistic floor). */
    floorCalls: Partial<Record<MailKind, FloorCalls>>;
  },
): Promise<CpuFloorResult> {
  const s3 = new S3Client({ forcePathStyle: true });
  const worker = new Worker(new URL('./cpu-worker.ts', import.meta.url));
  try {
    await once(worker, 'message');
    const ask = async <T>(request: WorkerRequest): Promise<T> => {
      worker.postMessage(request);
      const [reply] = (await once(worker, 'message')) as [T | { error: string }];
      if (typeof reply === 'object' && reply !== null && 'error' in reply)
        throw new Error(`CPU worker: ${reply.error}`);
      return reply;
    };
    const samples: Sample[] = [];
    const handlerPasses: ProfileShare[][] = [];
    const floorPasses: ProfileShare[][] = [];
    const profileFrom = mails.length - options.profiled;
    const splitFrom = profileFrom - options.split;
    const splits = new Map<MailKind, SplitSums>();
    for (const [index, mail] of mails.entries()) {
      const profiled = index >= profileFrom;
      const { event, rawKey } = await storedReceipt(s3, stack.bucketName, mail, options.region);
      const calls = options.floorCalls[mail.kind];
      if (profiled) {
        // Each invocation and then its floor profiled on their own, in the order the measured pass runs them.
        handlerPasses.push(await profiledCall(ask, { invoke: event }));
        if (calls !== undefined) floorPasses.push(await profiledCall(ask, { floor: { rawKey, calls } }, 'floor'));
        continue;
      }
      if (index >= splitFrom && calls !== undefined) {
        await splitCall(ask, { invoke: event, floor: { rawKey, calls } }, sumsOf(splits, mail.kind));
        continue;
      }
      const [main, before] = [threadCpuUsage(), sampleCpu()];
      const handler = await ask<InvokeReply>({ invoke: event });
      const now = threadCpuUsage();
      const mainUsage = { user: now.user - main.user, system: now.system - main.system };
      const after = sampleCpu();
      if (index < options.warmup) continue;
      const { cpuMs: parseCpuMs } = await ask<ParseReply>({ parse: mail.raw, repeats: options.parseRepeats });
      const floor = calls === undefined ? undefined : await ask<FloorReply>({ floor: { rawKey, calls } });
      samples.push({
        ...(floor === undefined ? {} : { floor }),
        kind: mail.kind,
        handler,
        parseCpuMs,
        mainCpuMs: (mainUsage.user + mainUsage.system) / 1000,
        jvmMs: after.jvmMs - before.jvmMs,
      });
    }
    const byKind: Partial<Record<MailKind, KindCpu>> = {};
    for (const kind of new Set(samples.map((s) => s.kind)))
      byKind[kind] = summarise(samples.filter((s) => s.kind === kind));
    return {
      all: summarise(samples),
      byKind,
      handlerProfile: mergeShares(handlerPasses),
      floorProfile: mergeShares(floorPasses),
      profiledMails: handlerPasses.length,
      split: splitMeans(splits),
    };
  } finally {
    await worker.terminate();
    s3.destroy();
  }
}

/** A mail stored as SES's S3 action leaves it, and the receipt event that names it. */
async function storedReceipt(s3: S3Client, bucket: string, mail: BenchMail, region: string) {
  const sesMessageId = randomBytes(10).toString('hex');
  const rawKey = `inbound/${sesMessageId}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: rawKey, Body: mail.raw }));
  const event = buildReceiptEvent(mail.raw, {
    sesMessageId,
    envelopeSender: mail.from,
    recipients: mail.to,
    verdicts: PASS,
    receivedAt: new Date(),
    region,
    functionName: 'inbound',
  });
  return { event, rawKey };
}

/** One mail and then its floor, each with its CPU split by call, added to `splits`. */
async function splitCall(
  ask: <T>(request: WorkerRequest) => Promise<T>,
  mail: { readonly invoke: InvokeRequest; readonly floor: { readonly rawKey: string; readonly calls: FloorCalls } },
  splits: SplitSums,
): Promise<void> {
  const handler = await ask<InvokeReply>({ invoke: mail.invoke, split: true });
  const floor = await ask<FloorReply>({ floor: mail.floor, split: true });
  splits.mails += 1;
  addSplit(splits.handler, handler.split);
  addSplit(splits.floor, floor.split);
}

function sumsOf(splits: Map<MailKind, SplitSums>, kind: MailKind): SplitSums {
  let sums = splits.get(kind);
  if (sums === undefined) {
    sums = { mails: 0, handler: {}, floor: {} };
    splits.set(kind, sums);
  }
  return sums;
}

/** The whole mix's and each kind's means a mail, each part rounded to the microsecond. */
function splitMeans(splits: ReadonlyMap<MailKind, SplitSums>): CpuFloorResult['split'] {
  const means = (sums: SplitSums): SplitMeans => {
    const perMail = (split: CpuSplit) =>
      Object.fromEntries(Object.entries(split).map(([label, ms]) => [label, round(ms / Math.max(sums.mails, 1), 3)]));
    return { mails: sums.mails, handler: perMail(sums.handler), floor: perMail(sums.floor) };
  };
  const all: SplitSums = { mails: 0, handler: {}, floor: {} };
  for (const sums of splits.values()) {
    all.mails += sums.mails;
    addSplit(all.handler, sums.handler);
    addSplit(all.floor, sums.floor);
  }
  return { ...means(all), byKind: Object.fromEntries([...splits].map(([kind, sums]) => [kind, means(sums)])) };
}

function summarise(samples: readonly Sample[]): KindCpu {
  const handlerCpuMs = mean(samples.map((s) => s.handler.cpuMs));
  const parseCpuMs = mean(samples.map((s) => s.parseCpuMs));
  const outcomes: Record<string, number> = {};
  for (const s of samples) outcomes[s.handler.outcome ?? 'none'] = (outcomes[s.handler.outcome ?? 'none'] ?? 0) + 1;
  const floors = samples.flatMap((s) => (s.floor === undefined ? [] : [s.floor]));
  const floorCpuMs = floors.length === samples.length ? mean(floors.map((f) => f.cpuMs)) : undefined;
  const skipped = [...new Set(floors.flatMap((f) => f.skipped))];
  return {
    ...(floorCpuMs === undefined
      ? {}
      : { realisticFloorCpuMs: round(floorCpuMs, 2), realisticRatio: round(handlerCpuMs / floorCpuMs, 2) }),
    ...(skipped.length > 0 ? { floorSkipped: skipped } : {}),
    mails: samples.length,
    handlerCpuMs: round(handlerCpuMs, 2),
    parseCpuMs: round(parseCpuMs, 2),
    ratio: round(handlerCpuMs / parseCpuMs, 2),
    handlerWallMs: round(mean(samples.map((s) => s.handler.wallMs)), 2),
    s3SesEmulatorCpuMs: round(mean(samples.map((s) => s.mainCpuMs)), 2),
    dynamoDbLocalCpuMs: round(mean(samples.map((s) => s.jvmMs)), 2),
    outcomes,
  };
}

/** One request to the worker under the CPU profiler, started and stopped around it alone. */
async function profiledCall(
  ask: <T>(request: WorkerRequest) => Promise<T>,
  request: WorkerRequest,
  label?: string,
): Promise<ProfileShare[]> {
  await ask<ProfileShare[]>({ profile: 'start', ...(label === undefined ? {} : { label }) });
  await ask<unknown>(request);
  return ask<ProfileShare[]>({ profile: 'stop' });
}
