/**
 * `npm run bench:faults`: the pipeline under the faults AWS really produces. 1,000 mails (new cases,
 * customer replies, agent answers with commands, survey votes) at fault rates of 0%, 5% and 20%,
 * a crash at every step of an intake, then the same load at concurrency 16; after each pass the
 * dead letters are replayed with `support replay --dead-letters` and the invariants are checked.
 *
 *   npm run bench:faults                 # 9–10 minutes on 2 cores shared with other work (load 10–20)
 *   npm run bench:faults -- --mails 200  # a quicker look
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { OUTBOX_LEASE_MS } from '../functions/outbox/send-outbox.ts';
import { localConfig } from '../infra/local/local-config.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { runBurst, type BurstResult } from './fault-burst.ts';
import { runCrashes, type CrashResult } from './fault-crashes.ts';
import { runPass, type PassResult } from './fault-pass.ts';
import { printBurst, printCrashes, printLoad, printPass } from './fault-report.ts';
import { FaultRunner } from './fault-runner.ts';

/** Rates of the passes, as shares of the functions' AWS calls. */
const RATES = [0, 0.05, 0.2] as const;
/** Mails in flight in the passes per rate: several at once, as SES delivers, without drowning two cores. */
const BASE_CONCURRENCY = 8;
const LOAD_CONCURRENCY = 16;
/** Closing mails sent at once against SES's starting quota. */
const BURST_CLOSINGS = 500;
/** The load passes' fault rate, beside one without faults. */
const LOAD_RATE = 0.05;
/**
 * Lambda retries a failed asynchronous invocation after about 1 and 2 minutes; here after 50 and
 * 100 ms. The functions' clock runs an outbox lease behind the replay's, so the dead letters the
 * operator replays afterwards meet lapsed leases, as they would minutes later on AWS.
 */
const RETRY_DELAY_MS = 50;
const SEED = 20;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mails: { type: 'string', default: '1000' } } });
  const mails = Number(values.mails);
  const started = performance.now();
  const local = localConfig(undefined);
  // The customers are unrelated people on one test domain, as on a big mailbox provider: no domain bound.
  const config = { ...local, limits: { ...local.limits, unboundedDomains: ['customer.test'] } };
  const runner = new FaultRunner();
  const stack = await startLocalStack({
    config,
    smtpPort: 0,
    surveyPort: 0,
    retryDelayMs: RETRY_DELAY_MS,
    // The invariants are read from what the local SES sent (acknowledgements, closing mails to vote on).
    keepSentMail: true,
    faults: { rate: 0, seed: SEED },
    now: () => new Date(Date.now() - OUTBOX_LEASE_MS),
    onOutcome: (outcome) => runner.settle(outcome.sesMessageId, { outcome }),
    onDeadLetter: (event) => runner.settle(event.Records[0]?.ses.mail.messageId, { deadLetter: event }),
  });
  const setup = {
    stack,
    runner,
    supportAddress: config.supportAddress,
    agentAddress: config.agents[0]?.email ?? 'maria@staff.example.com',
  };
  runner.attach(stack, config.supportAddress);
  console.log(
    `faults: ${mails} mails per pass; load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const passes: PassResult[] = [];
  let crashes: CrashResult | undefined;
  let burst: BurstResult | undefined;
  try {
    for (const rate of RATES) {
      stack.faults?.layer.configure({ rate, seed: SEED });
      passes.push(await runPass(setup, `${rate * 100}%`, mails, BASE_CONCURRENCY));
      printPass(passes.at(-1));
    }
    stack.faults?.layer.configure({ rate: 0, seed: SEED });
    crashes = await runCrashes(setup);
    printCrashes(crashes);
    const load: PassResult[] = [];
    for (const rate of [0, LOAD_RATE]) {
      stack.faults?.layer.configure({ rate, seed: SEED });
      load.push(await runPass(setup, `${rate * 100}% at ${LOAD_CONCURRENCY}`, mails, LOAD_CONCURRENCY));
      printPass(load.at(-1));
    }
    printLoad(load);
    passes.push(...load);
    const unsolved = passes.flatMap((p) => p.unsolved).slice(0, Math.min(BURST_CLOSINGS, mails / 2));
    burst = await runBurst(setup, unsolved);
    printBurst(burst);
  } finally {
    await stack.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nbench:faults took ${seconds.toFixed(0)} s; load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const broken =
    passes.some((p) => p.verdict.lost + p.verdict.withoutOutcome + p.verdict.missingSends > 0) ||
    (crashes?.lost ?? 0) + (crashes?.missingAcknowledgements ?? 0) + (burst?.missing ?? 0) > 0;
  process.exitCode = broken ? 1 : 0;
}

await main();
