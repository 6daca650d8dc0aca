import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { SupportConfig } from '../infra/config.ts';
import { localConfig } from '../infra/local/local-config.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { measureColdStart } from './cold-start.ts';
import { caseCostReport } from './case-cost.ts';
import { checkTraffic, REALISTIC_CASE, UNTOUCHED_TWO_WEEKS } from './check-hops.ts';
import { costReport } from './cost.ts';
import { measureCpuFloor } from './cpu-floor.ts';
import { buildMix, threadsNeeded, type MailKind } from './mail-mix.ts';
import { measureMemory } from './memory-run.ts';
import { OutcomeLog } from './outcome-log.ts';
import { profileWhile } from './profile.ts';
import { operationsOf } from './realistic-floor.ts';
import { printBundles, printReport, printTargets, type BenchResults } from './report.ts';
import { printCaseCost, printCheckTraffic, printMemory } from './report-checks-cost.ts';
import { benchReportScale } from './report-scale.ts';
import { SdkCounters } from './sdk-counters.ts';
import { seedThreads } from './seed-threads.ts';
import { mean } from './stats.ts';
import { checkBundleTargets, checkTargets } from './targets.ts';
import { runLevel, type LevelContext, type LevelResult } from './throughput.ts';
import { workPerKind } from './work-per-kind.ts';

/** Rising concurrency of the intake runs (the 1, 4, 16). */
const LEVELS = [1, 4, 16] as const;

/** Sizes of a full run (about 2–3 minutes on 2 cores) and of `--quick` (under a minute). */
const PLANS = {
  full: { mails: 200, cpuMails: 100, warmup: 20, splitMails: 60, parseRepeats: 5, importRuns: 7, profileMails: 100 },
  quick: { mails: 40, cpuMails: 25, warmup: 5, splitMails: 20, parseRepeats: 3, importRuns: 3, profileMails: 20 },
} as const;

const progress = (message: string) => console.error(`[bench] ${message}`);

/** Sizes of one run: mails per level, CPU and profile passes, repeats. */
type Plan = { readonly [K in keyof (typeof PLANS)['full']]: number };

/** Where `--memory` reads the stack's memory (the 1,000 and 10,000 mails). */
const MEMORY_CHECKPOINTS = [1_000, 10_000] as const;

/**
 * `npm run bench [-- --quick] [-- --mails N] [-- --warmup N] [-- --cold-start-only] [-- --memory [--memory-at N,M]]`: figures anyone
 * can reproduce on the local stack. Results go to .bench/.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      mails: { type: 'string' },
      // Mails the CPU pass's handler takes in unmeasured first (a plan's 20 or 5): V8 optimises code
      // run once a mail only after some hundreds of mails, so `--warmup 900` measures a long-warm container.
      warmup: { type: 'string' },
      'cold-start-only': { type: 'boolean', default: false },
      memory: { type: 'boolean', default: false },
      'memory-at': { type: 'string' },
    },
  });
  if (values.memory) return memoryOnly(values['memory-at']?.split(',').map(Number) ?? [...MEMORY_CHECKPOINTS]);
  const plan = planOf(values);
  const loadAverageAtStart = loadavg();

  progress(`cold start: bundling each function, then importing every bundle in ${plan.importRuns} rounds`);
  const { bundles, templates } = await measureColdStart(plan.importRuns);
  if (values['cold-start-only']) {
    await writeResults('.bench/cold-start.json', {
      at: new Date().toISOString(),
      machine: { cores: availableParallelism(), node: process.version, loadAverageAtStart },
      bundles,
      templates,
    });
    printBundles(bundles, templates);
    printTargets(checkBundleTargets(bundles));
    console.log('\nWritten to .bench/cold-start.json');
    return;
  }

  const { config, ctx } = await startBenchStack();
  const dynamo = new DynamoDBClient({});
  try {
    const { levels, rawBytes, cpu, profile } = await measureOnStack(
      { ...ctx, countCases: () => countCases(dynamo, ctx.stack.tableName) },
      config,
      plan,
      values.quick,
    );
    const work = workPerKind(levels[0]?.records ?? []);
    const cost = costReport(work, cpu.byKind, rawBytes);
    const results: BenchResults = {
      at: new Date().toISOString(),
      machine: { cores: availableParallelism(), node: process.version, loadAverageAtStart },
      levels,
      work,
      cpu,
      bundles,
      templates,
      cost,
      profile,
      targets: checkTargets({ levels, work, cpu, bundles, profile }),
    };
    const checks = {
      untouchedTwoWeeks: checkTraffic(UNTOUCHED_TWO_WEEKS),
      realisticCase: checkTraffic(REALISTIC_CASE),
    };
    const caseCost = caseCostReport(cost);
    await writeResults('.bench/results.json', { ...results, checks, caseCost });
    printReport(results);
    printCheckTraffic(checks);
    if (caseCost !== undefined) printCaseCost(caseCost);
    console.log('\nWritten to .bench/results.json');
  } finally {
    dynamo.destroy();
    await ctx.stack.stop();
  }
  await benchReportScale();
}

/** The run's sizes: `--quick`'s or the full plan, with `--mails` and `--warmup` as given. */
function planOf(values: { quick?: boolean; mails?: string; warmup?: string }): Plan {
  const plan = {
    ...PLANS[values.quick ? 'quick' : 'full'],
    ...(values.mails === undefined ? {} : { mails: Number(values.mails) }),
    ...(values.warmup === undefined ? {} : { warmup: Number(values.warmup) }),
  };
  if (!Number.isInteger(plan.warmup) || plan.warmup < 0)
    throw new Error(`--warmup takes a whole number of mails, not ${values.warmup}`);
  return plan;
}

/** The local stack with every SDK call of the inbound function counted and every outcome logged. */
async function startBenchStack(): Promise<{ config: SupportConfig; ctx: Omit<LevelContext, 'countCases'> }> {
  const { config } = benchConfig();
  const counters = new SdkCounters();
  const outcomes = new OutcomeLog();
  const stack = await startLocalStack({
    config,
    // Ports of its own, so a bench and a running `npm start` (2525, 2580) never collide.
    smtpPort: 0,
    surveyPort: 0,
    onOutcome: outcomes.record,
    onDeadLetter: outcomes.recordDeadLetter,
    onAwsClients: (clients) => {
      counters.instrument(clients.dynamo.middlewareStack);
      counters.instrument(clients.s3.middlewareStack);
      counters.instrument(clients.ses.middlewareStack);
      counters.instrument(clients.sqs.middlewareStack);
      counters.instrument(clients.scheduler.middlewareStack);
    },
  });
  return { config, ctx: { stack, counters, outcomes } };
}

/** The local configuration; the mix's customers are unrelated people on one test domain, as on a big mailbox provider: no domain bound. */
function benchConfig(): { config: SupportConfig } {
  const local = localConfig(undefined);
  return { config: { ...local, limits: { ...local.limits, unboundedDomains: ['customer.test'] } } };
}

/** Seeds threads, then runs the intake at each level, the CPU pass and (in a full run) the profiled pass. */
async function measureOnStack(ctx: LevelContext, config: SupportConfig, plan: Plan, quick: boolean) {
  const addresses = {
    supportAddress: config.supportAddress,
    agentAddress: config.agents[0]?.email ?? 'agent@staff.example.com',
  };
  const cpuMailCount = plan.warmup + plan.cpuMails + plan.splitMails + plan.profileMails;
  const needed =
    LEVELS.length * threadsNeeded(plan.mails) +
    threadsNeeded(cpuMailCount) +
    (quick ? 0 : threadsNeeded(plan.profileMails));
  progress(`seeding ${needed} cases for replies to join (also warms everything up)`);
  const threads = await seedThreads(ctx, needed, { ...addresses, runId: 'seed' });

  const levels: LevelResult[] = [];
  const rawBytes: Partial<Record<MailKind, number>> = {};
  for (const concurrency of LEVELS) {
    const mails = await buildMix(plan.mails, { ...addresses, runId: `c${concurrency}`, threads });
    for (const kind of new Set(mails.map((m) => m.kind)))
      rawBytes[kind] = mean(mails.filter((m) => m.kind === kind).map((m) => m.raw.length));
    progress(`intake: ${plan.mails} mails at concurrency ${concurrency}`);
    levels.push(await runLevel(ctx, mails, concurrency));
  }

  progress(
    `CPU: ${plan.cpuMails} direct invocations on a worker thread, then mailparser alone and the realistic floor on the same mails`,
  );
  const cpuMix = await buildMix(cpuMailCount, { ...addresses, runId: 'cpu', threads });
  // The calls each kind made, counted one mail at a time above: the realistic floor makes the same.
  const floorCalls = Object.fromEntries(
    Object.entries(workPerKind(levels[0]?.records ?? [])).flatMap(([kind, w]) =>
      w.handled && w.counts !== undefined ? [[kind, operationsOf(w.counts)]] : [],
    ),
  );
  const cpu = await measureCpuFloor(ctx.stack, cpuMix, {
    warmup: plan.warmup,
    split: plan.splitMails,
    profiled: plan.profileMails,
    parseRepeats: plan.parseRepeats,
    region: config.region,
    floorCalls,
  });

  let profile: BenchResults['profile'];
  if (!quick) {
    const concurrency = LEVELS[LEVELS.length - 1] ?? 16;
    progress(
      `profile: ${plan.profileMails} more mails at concurrency ${concurrency} under the CPU profiler (not counted above)`,
    );
    const mails = await buildMix(plan.profileMails, { ...addresses, runId: 'profile', threads });
    profile = (await profileWhile(() => runLevel(ctx, mails, concurrency))).shares;
  }
  return { levels, rawBytes, cpu, profile };
}

/**
 * `--memory [--memory-at 1000,3000]`: the local stack's memory at 1,000 and 10,000 new cases (or
 * at the points given). Each batch is handled before the next is sent, so it takes a while: on a
 * very busy 2-core machine about 3 mails a second, an hour for 10,000.
 */
async function memoryOnly(checkpoints: readonly number[]): Promise<void> {
  if (checkpoints.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`--memory-at takes whole numbers of mails, comma-separated, not ${checkpoints.join(',')}`);
  const { config } = benchConfig();
  progress(`memory: ${checkpoints.at(-1)} new cases over SMTP to a stack with a data folder, as npm start runs it`);
  const points = await measureMemory(config, checkpoints);
  await writeResults('.bench/memory.json', { at: new Date().toISOString(), loadAverageAtStart: loadavg(), points });
  printMemory(points);
  console.log('\nWritten to .bench/memory.json');
}

async function writeResults(file: string, results: object): Promise<void> {
  await mkdir('.bench', { recursive: true });
  await writeFile(file, JSON.stringify(results, null, 2));
}

/** Cases in the table, counted with a scan on a client of our own (not one the bench counts). */
async function countCases(client: DynamoDBClient, tableName: string): Promise<number> {
  let count = 0;
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        Select: 'COUNT',
        FilterExpression: '#type = :case',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':case': { S: 'case' } },
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return count;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
