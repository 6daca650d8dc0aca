import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { safeFolder } from '../infra/local/ses-local.ts';
import { EXPECTED_OUTCOME, isNewCaseKind, type BenchMail, type MailKind } from './mail-mix.ts';
import type { OutcomeLog } from './outcome-log.ts';
import { cpuBetween, sampleCpu, type CpuUse } from './process-cpu.ts';
import { workBetween, type Counts, type SdkCounters } from './sdk-counters.ts';
import { percentiles, type Percentiles } from './stats.ts';

/** A mail not handled within this long is counted as lost (the ingress retries take about 3 s). */
const HANDLED_TIMEOUT_MS = 30_000;

export interface LevelContext {
  readonly stack: LocalStack;
  readonly counters: SdkCounters;
  readonly outcomes: OutcomeLog;
  /** Cases in the table now (counted with a scan, outside the handler's clients). */
  readonly countCases: () => Promise<number>;
}

/** One mail's fate: its outcome, what it sent, its latencies and (one at a time only) its work. */
export interface MailRecord {
  readonly kind: MailKind;
  readonly customer: string;
  readonly outcome: string | undefined;
  readonly caseNumber?: number;
  readonly sent: readonly string[];
  /** SMTP accepted → acknowledgement .eml written (new cases). */
  readonly ackMs?: number;
  /** SMTP accepted → the handler returned (case written, everything sent and filed). */
  readonly handledMs?: number;
  readonly work?: Counts;
}

export interface Accounting {
  readonly sent: number;
  readonly withOutcome: number;
  readonly asExpected: number;
  readonly casesOpened: number;
  readonly acknowledgements: number;
  readonly answersToCustomers: number;
  readonly sesSends: number;
  readonly deadLetters: number;
  readonly allAccounted: boolean;
  readonly problems: readonly string[];
}

export interface LevelResult {
  readonly concurrency: number;
  readonly mails: number;
  readonly seconds: number;
  readonly mailsPerSecond: number;
  readonly ackMs: Percentiles;
  readonly handledMs: Percentiles;
  readonly accounting: Accounting;
  readonly cpu: CpuUse;
  /** Every SDK call the handler made during the level, in total. */
  readonly work: Counts;
  readonly records: readonly MailRecord[];
}

/**
 * Sends the mails over SMTP, `concurrency` in flight at a time (each sender waits until its mail is
 * handled before the next), then accounts for every one: outcome, case, acknowledgement, send.
 */
export async function runLevel(
  ctx: LevelContext,
  mails: readonly BenchMail[],
  concurrency: number,
): Promise<LevelResult> {
  const { stack, counters } = ctx;
  const smtp = (auth?: { user: string; pass: string }) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      pool: true,
      maxConnections: concurrency,
      maxMessages: Infinity,
      ignoreTLS: true,
      ...(auth ? { auth } : {}),
    });
  const customers = smtp();
  const agentLogin = mails.find((m) => m.kind === 'agent-reply')?.from;
  const agents =
    agentLogin === undefined ? undefined : smtp({ user: agentLogin, pass: stack.agentPassword(agentLogin) });
  const casesBefore = await ctx.countCases();
  const sesBefore = stack.ses.sentCount();
  const deadBefore = ctx.outcomes.deadLetters;
  const workBefore = counters.snapshot();
  const cpuBefore = sampleCpu();

  const records: MailRecord[] = [];
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    for (let mail = mails[next++]; mail !== undefined; mail = mails[next++]) {
      records.push(
        await sendOne(ctx, mail.kind === 'agent-reply' && agents ? agents : customers, mail, concurrency === 1),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;
  await stack.idle();
  const cpu = cpuBetween(cpuBefore, sampleCpu());
  const work = workBetween(workBefore, counters.snapshot());
  customers.close();
  agents?.close();

  const accounting = await account(ctx, mails, records, {
    cases: (await ctx.countCases()) - casesBefore,
    sesSends: stack.ses.sentCount() - sesBefore,
    deadLetters: ctx.outcomes.deadLetters - deadBefore,
  });
  return {
    concurrency,
    mails: mails.length,
    seconds,
    mailsPerSecond: mails.length / seconds,
    ackMs: percentiles(records.flatMap((r) => (r.ackMs === undefined ? [] : [r.ackMs]))),
    handledMs: percentiles(records.flatMap((r) => (r.handledMs === undefined ? [] : [r.handledMs]))),
    accounting,
    cpu,
    work,
    records,
  };
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

async function sendOne(
  ctx: LevelContext,
  transport: Transport,
  mail: BenchMail,
  countWork: boolean,
): Promise<MailRecord> {
  const ack = isNewCaseKind(mail.kind)
    ? await firstFileIn(join(ctx.stack.mailDir, safeFolder(mail.customer)))
    : undefined;
  const before = countWork ? ctx.counters.snapshot() : undefined;
  const info = await transport.sendMail({ envelope: { from: mail.from, to: [...mail.to] }, raw: mail.raw });
  const accepted = performance.now();
  const sesMessageId = /Ok (\S+)/.exec(String(info.response))?.[1];
  if (sesMessageId === undefined)
    throw new Error(`The ingress accepted a mail without naming its id: ${String(info.response)}`);
  const handled = await within(ctx.outcomes.outcomeOf(sesMessageId), HANDLED_TIMEOUT_MS);
  const acked = ack === undefined ? undefined : await within(ack.written, HANDLED_TIMEOUT_MS);
  ack?.close();
  return {
    kind: mail.kind,
    customer: mail.customer,
    outcome: handled?.outcome.outcome,
    ...(handled?.outcome.caseNumber === undefined ? {} : { caseNumber: handled.outcome.caseNumber }),
    sent: handled?.outcome.sent ?? [],
    ...(acked === undefined ? {} : { ackMs: acked - accepted }),
    ...(handled === undefined ? {} : { handledMs: handled.at - accepted }),
    ...(before === undefined ? {} : { work: workBetween(before, ctx.counters.snapshot()) }),
  };
}

/** Resolves with the time the first file appears in `folder` (created now if missing). */
async function firstFileIn(folder: string): Promise<{ written: Promise<number>; close: () => void }> {
  await mkdir(folder, { recursive: true });
  let watcher: FSWatcher | undefined;
  const written = new Promise<number>((resolve) => {
    watcher = watch(folder, () => {
      resolve(performance.now());
      watcher?.close();
    });
  });
  return { written, close: () => watcher?.close() };
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Counts afterwards, from the table and the mail folders, that every mail has its outcome and effects. */
async function account(
  ctx: LevelContext,
  mails: readonly BenchMail[],
  records: readonly MailRecord[],
  seen: { cases: number; sesSends: number; deadLetters: number },
): Promise<Accounting> {
  const problems: string[] = [];
  const filesFor = async (customer: string) =>
    (await readdir(join(ctx.stack.mailDir, safeFolder(customer))).catch(() => [])).length;
  const newCases = mails.filter((m) => isNewCaseKind(m.kind));
  const acknowledgements = (await Promise.all(newCases.map((m) => filesFor(m.customer)))).filter((n) => n === 1).length;
  const answersToCustomers = (
    await Promise.all(mails.filter((m) => m.kind === 'agent-reply').map((m) => filesFor(m.customer)))
  ).filter((n) => n === 2).length;
  const withOutcome = records.filter((r) => r.outcome !== undefined).length;
  const asExpected = records.filter((r) => r.outcome === EXPECTED_OUTCOME[r.kind]).length;
  const opened = records.filter((r) => r.outcome === 'case-opened').length;
  const sentByOutcomes = records.reduce((n, r) => n + r.sent.length, 0);
  if (withOutcome < records.length) problems.push(`${records.length - withOutcome} mails without an outcome`);
  if (seen.cases !== opened) problems.push(`${seen.cases} cases in the table for ${opened} case-opened outcomes`);
  if (acknowledgements !== newCases.length)
    problems.push(`${acknowledgements} of ${newCases.length} new customers have exactly one acknowledgement`);
  if (seen.sesSends !== sentByOutcomes)
    problems.push(`${seen.sesSends} SES sends for ${sentByOutcomes} named in outcomes`);
  const answered = records.filter((r) => r.kind === 'agent-reply' && r.sent.includes('reply')).length;
  if (answersToCustomers !== answered)
    problems.push(`${answersToCustomers} customers hold an agent's answer for ${answered} answers sent`);
  if (seen.deadLetters > 0) problems.push(`${seen.deadLetters} dead letters`);
  return {
    sent: records.length,
    withOutcome,
    asExpected,
    casesOpened: seen.cases,
    acknowledgements,
    answersToCustomers,
    sesSends: seen.sesSends,
    deadLetters: seen.deadLetters,
    allAccounted: problems.length === 0,
    problems,
  };
}
