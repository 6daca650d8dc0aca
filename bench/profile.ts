import { writeFile } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { Session, type Profiler } from 'node:inspector/promises';
import { round } from './stats.ts';

/** Sampling interval of the CPU profile (µs); 1 ms keeps the profiler's own cost small. */
const SAMPLING_INTERVAL_US = 1000;

/**
 * Who owns a stack frame, by its script: the first owner found walking from the sampled frame
 * towards the root gets the sample, so libmime under mailparser counts for the handler and under
 * mailauth for the ingress. Order matters: more specific paths first.
 */
const OWNERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/functions\//, 'handler: our code'],
  [/node_modules\/(mailparser|@zone-eu\/mailsplit)\//, 'handler: mailparser (parse)'],
  [/node_modules\/(html-to-text|htmlparser2|@selderee|selderee)\//, 'handler: html-to-text'],
  [/node_modules\/handlebars\//, 'handler: handlebars (render)'],
  [/node_modules\/nodemailer\/lib\/(smtp-|mailer)/, 'bench: SMTP client and timing'],
  [/node_modules\/nodemailer\//, 'handler: nodemailer (compose MIME)'],
  [/node_modules\/(@middy|@aws-lambda-powertools|zod)\//, 'handler: middy, powertools, zod'],
  [
    /node_modules\/(@aws-sdk|@smithy|@aws-crypto|fast-xml-parser)\//,
    'AWS SDK clients (handler, and the ingress storing raw mail)',
  ],
  [/node_modules\/fauxqs\//, 'emulator: fauxqs (S3)'],
  [/\/infra\/local\/ses-local/, 'emulator: local SES'],
  [/node_modules\/(smtp-server|mailauth)\/|\/infra\/local\//, 'emulator: SMTP ingress and verdicts (SES receiving)'],
  [/\/bench\//, 'bench: SMTP client and timing'],
];

export interface ProfileShare {
  readonly owner: string;
  readonly ms: number;
  readonly share: number;
}

let dumps = 0;

/** Where a profile is written: `handler.cpuprofile` becomes `handler-0001.cpuprofile`, or `handler-floor-0002.cpuprofile` with a label. */
function numberedDump(dumpTo: string, label: string | undefined): string {
  dumps += 1;
  return dumpTo.replace(
    /(\.cpuprofile)?$/,
    `${label === undefined ? '' : `-${label}`}-${String(dumps).padStart(4, '0')}$1`,
  );
}

/**
 * Starts the CPU profiler on this thread (main or worker); `stop` splits its busy time by owner.
 * A worker's profile is written to a numbered file when BENCH_CPUPROFILE names one, with `label` in its name.
 */
export async function startProfiling(label?: string): Promise<{ stop: () => Promise<ProfileShare[]> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await session.post('Profiler.start');
  return {
    async stop() {
      try {
        const { profile } = await session.post('Profiler.stop');
        // Opt-in: the handler thread's whole profile, for single functions (Chrome DevTools, or by hand).
        const dumpTo = process.env.BENCH_CPUPROFILE;
        if (!isMainThread && dumpTo !== undefined && dumpTo !== '')
          await writeFile(numberedDump(dumpTo, label), JSON.stringify(profile));
        return sharesOf(profile);
      } finally {
        session.disconnect();
      }
    },
  };
}

/** Profiles this thread while `run` runs (idle time left out). */
export async function profileWhile<T>(run: () => Promise<T>): Promise<{ result: T; shares: ProfileShare[] }> {
  const profiling = await startProfiling();
  const result = await run().catch(async (error: unknown) => {
    await profiling.stop();
    throw error;
  });
  return { result, shares: await profiling.stop() };
}

function sharesOf(profile: Profiler.Profile): ProfileShare[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const ownerCache = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const cached = ownerCache.get(id);
    if (cached !== undefined) return cached;
    let owner: string | undefined;
    for (let at: number | undefined = id; at !== undefined && owner === undefined; at = parents.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (frame === undefined) break;
      if (
        frame.functionName === '(garbage collector)' ||
        frame.functionName === '(program)' ||
        frame.functionName === '(idle)'
      )
        owner = frame.functionName;
      else owner = OWNERS.find(([pattern]) => pattern.test(frame.url))?.[1];
    }
    owner ??= 'node runtime (sockets, HTTP parsing, timers)';
    ownerCache.set(id, owner);
    return owner;
  };
  const micros = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const owner = ownerOf(id);
    micros.set(owner, (micros.get(owner) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  });
  micros.delete('(idle)');
  return sharesOfTotals(new Map([...micros].map(([owner, us]) => [owner, us / 1000])));
}

/** Profiles of several passes as one: each owner's time summed, its share of the whole recomputed. */
export function mergeShares(passes: readonly (readonly ProfileShare[])[]): ProfileShare[] {
  const ms = new Map<string, number>();
  for (const pass of passes) for (const s of pass) ms.set(s.owner, (ms.get(s.owner) ?? 0) + s.ms);
  return sharesOfTotals(ms);
}

/** Milliseconds by owner as shares of their sum, the busiest owner first. */
function sharesOfTotals(ms: ReadonlyMap<string, number>): ProfileShare[] {
  const busy = [...ms.values()].reduce((a, b) => a + b, 0);
  return [...ms]
    .sort((a, b) => b[1] - a[1])
    .map(([owner, total]) => ({ owner, ms: round(total, 2), share: busy === 0 ? 0 : round(total / busy, 3) }));
}
