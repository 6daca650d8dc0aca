import type { BundleResult, TemplateFiles } from './cold-start.ts';
import type { CostBreakdown, CostReport } from './cost.ts';
import type { CpuFloorResult } from './cpu-floor.ts';
import { FLOOR_PARSE, OWN_CODE } from './cpu-split.ts';
import type { MailKind } from './mail-mix.ts';
import type { ProfileShare } from './profile.ts';
import { round } from './stats.ts';
import type { TargetRow } from './targets.ts';
import type { LevelResult } from './throughput.ts';
import type { KindWork } from './work-per-kind.ts';

export interface BenchResults {
  readonly at: string;
  readonly machine: { readonly cores: number; readonly node: string; readonly loadAverageAtStart: readonly number[] };
  readonly levels: readonly LevelResult[];
  readonly work: Partial<Record<MailKind, KindWork>>;
  readonly cpu: CpuFloorResult;
  readonly bundles: readonly BundleResult[];
  readonly templates: TemplateFiles;
  readonly cost: CostReport;
  readonly profile: readonly ProfileShare[] | undefined;
  readonly targets: readonly TargetRow[];
}

/** The scale the issue gives: Request Tracker 5 on this same kind of 2-core machine. */
const HELPDESK_REFERENCE = [
  { concurrency: 1, 'mails/s': 3, 'ack p50 ms': 325 },
  { concurrency: 4, 'mails/s': 5, 'ack p50 ms': '' },
];

const ms = (n: number | undefined) => (n === undefined ? '' : round(n));
const dollars = (n: number) => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

export function printReport(r: BenchResults): void {
  console.log(
    `\n${r.at} on ${r.machine.cores} cores, Node ${r.machine.node}, load average at start ${r.machine.loadAverageAtStart.map((n) => round(n, 2)).join(' ')}`,
  );

  console.log('\nIntake over SMTP: accepted → acknowledgement .eml written (new cases) and → handler done (all mails)');
  console.table(
    r.levels.map((l) => ({
      concurrency: l.concurrency,
      mails: l.mails,
      'mails/s': round(l.mailsPerSecond),
      'ack p50/p95/p99 ms': `${l.ackMs.p50} / ${l.ackMs.p95} / ${l.ackMs.p99}`,
      'handled p50/p95/p99 ms': `${l.handledMs.p50} / ${l.handledMs.p95} / ${l.handledMs.p99}`,
      accounted: l.accounting.allAccounted ? `all ${l.accounting.withOutcome}` : l.accounting.problems.join('; '),
      'node CPU ms/mail': round(l.cpu.nodeMs / l.mails),
      'DynamoDB Local CPU ms/mail': round(l.cpu.jvmMs / l.mails),
      'others on machine ms/mail': round(l.cpu.othersMs / l.mails),
      'JS thread busy': `${round(l.cpu.mainThreadBusy * 100, 0)}%`,
    })),
  );
  console.log('For scale, Request Tracker 5 on a 2-core machine (from the issue):');
  console.table(HELPDESK_REFERENCE);

  printWork(r.work);

  console.log(
    '\nCPU per mail: the handler alone on a worker thread vs simpleParser alone, and vs the realistic floor (read + parse + the SDK calls the kind makes, same clients, trivial payloads)',
  );
  console.table(
    Object.entries({ ...r.cpu.byKind, 'whole mix': r.cpu.all }).map(([kind, c]) => ({
      kind,
      mails: c.mails,
      'handler CPU ms': c.handlerCpuMs,
      'parse-only CPU ms': c.parseCpuMs,
      ratio: `${c.ratio}×`,
      'realistic floor CPU ms': c.realisticFloorCpuMs ?? '',
      'vs realistic floor': c.realisticRatio === undefined ? '' : `${c.realisticRatio}×`,
      'handler wall ms': c.handlerWallMs,
      'S3+SES emulator CPU ms': c.s3SesEmulatorCpuMs,
      'DynamoDB Local CPU ms': c.dynamoDbLocalCpuMs,
    })),
  );

  printSplit(r.cpu);
  printProfiles(r.cpu);

  printBundles(r.bundles, r.templates);

  printCost(r.cost);

  if (r.profile !== undefined) {
    console.log('\nWhere the JavaScript thread went during a profiled run at the highest concurrency');
    console.table(r.profile.map((p) => ({ owner: p.owner, ms: round(p.ms, 0), share: `${round(p.share * 100)}%` })));
  }

  printTargets(r.targets);
}

/** SDK calls and their time per mail kind, from the one-at-a-time level. */
function printWork(work: BenchResults['work']): void {
  console.log("\nWork per mail, counted on the handler's SDK clients (mails sent one at a time)");
  console.table(
    Object.entries(work).map(([kind, w]) =>
      w.handled
        ? {
            kind,
            'DynamoDB requests': w.dynamoDbRequests,
            RCU: w.dynamoDbRcu,
            WCU: w.dynamoDbWcu,
            'S3 GET': w.s3Gets,
            'S3 PUT': w.s3Puts,
            SQS: w.sqsRequests,
            'SES sends (recipients)': `${w.sesSends} (${w.sesRecipients})`,
            retries: w.retries,
            'ms in calls: DynamoDB / S3 / SES / any': `${ms(w.sdkMs?.DynamoDB)} / ${ms(w.sdkMs?.S3)} / ${ms(w.sdkMs?.SES)} / ${ms(w.sdkMs?.['any call in flight'])}`,
          }
        : { kind, 'DynamoDB requests': `not handled yet: ${JSON.stringify(w.outcomes)}` },
    ),
  );
  console.log(
    'DynamoDB operations per mail:',
    Object.fromEntries(Object.entries(work).map(([k, w]) => [k, w.dynamoDbOperations ?? 'n/a'])),
  );
}

/** What 10,000 mails or cases of each kind would cost on AWS. */
function printCost(cost: CostReport): void {
  console.log('\nCost on AWS at list prices (bench/cost.ts has each price, its source and date)');
  const costRow = (what: string, c: CostBreakdown) => ({
    what,
    Lambda: dollars(c.lambda),
    DynamoDB: dollars(c.dynamoDb),
    S3: dollars(c.s3),
    'SES in': dollars(c.sesReceiving),
    'SES out': dollars(c.sesSending),
    SQS: dollars(c.sqs),
    total: dollars(c.total),
  });
  console.table([
    ...Object.entries(cost.per10kMails).map(([kind, c]) => costRow(`10,000 ${kind} mails`, c)),
    ...(cost.per10kCases ? [costRow('10,000 cases (new-case mix)', cost.per10kCases)] : []),
    ...(cost.per10kCasesWithTwoReplies
      ? [costRow('10,000 cases + 1 customer and 1 agent reply each', cost.per10kCasesWithTwoReplies)]
      : []),
  ]);
}

/** The cold-start table: each bundle's size, import time and largest packages. */
export function printBundles(bundles: readonly BundleResult[], templates: TemplateFiles): void {
  console.log("\nCold start: bundle (esbuild, the construct's options) and median import in fresh node processes");
  console.table(
    bundles.map((b) => ({
      bundle: b.name,
      KB: round(b.bytes / 1024, 0),
      'import ms': b.importMs,
      'with source maps': b.importMsWithSourceMaps ?? '',
      largest: Object.entries(b.largest)
        .slice(0, 5)
        .map(([name, kb]) => `${name} ${kb}K`)
        .join(', '),
    })),
  );
  console.log(
    `Beside each bundle: ${templates.files} precompiled templates, ${round(templates.bytes / 1024, 0)} KB, each loaded when first rendered (not in the import times).`,
  );
}

export function printTargets(targets: readonly TargetRow[]): void {
  console.log('\nTargets (issue 7)');
  console.table(targets.map((t) => ({ figure: t.figure, measured: t.measured, target: t.target, met: t.met })));
  if (targets.some((x) => x.emulatorBound !== undefined))
    console.log('Where the local emulators set the figure, the evidence:');
  for (const t of targets.filter((x) => x.emulatorBound !== undefined))
    console.log(`- ${t.figure}: ${t.emulatorBound}`);
  for (const t of targets.filter((x) => x.note !== undefined)) console.log(`- ${t.figure}: ${t.note}`);
}

/**
 * The split mails' CPU on the thread's exact clock, handler beside floor: the handler's by the calls
 * it makes into its dependencies (SDK work inside them) and its own code between them, the floor's
 * by step. Neither is profiled, but timing each call costs a little and these mails run apart from
 * the measured pass: read the split for where the time goes, the measured pass for how much.
 */
function printSplit(cpu: BenchResults['cpu']): void {
  const { mails, handler, floor } = cpu.split;
  if (mails === 0) return;
  const total = (split: Readonly<Record<string, number>>) =>
    round(
      Object.values(split).reduce((a, b) => a + b, 0),
      2,
    );
  const rows = (split: Readonly<Record<string, number>>) =>
    Object.entries(split)
      .sort(([, a], [, b]) => b - a)
      .map(([part, ms]) => ({ part, ms: round(ms, 3) }));
  console.log(
    `\nWhere the CPU of ${mails} more mails went, on the thread's exact clock (ms per mail; the handler ${total(handler)}, its floor ${total(floor)}):`,
  );
  console.log(
    'The handler, by the calls into its dependencies (each with its SDK work) and its own code between them:',
  );
  console.table(rows(handler));
  console.log('Its realistic floor, by step:');
  console.table(rows(floor));
  console.log('By kind (ms per mail):');
  console.table(
    Object.entries(cpu.split.byKind).map(([kind, means]) => ({
      kind,
      mails: means.mails,
      handler: total(means.handler),
      'its own code': round(means.handler[OWN_CODE] ?? 0, 2),
      'in its calls': round(total(means.handler) - (means.handler[OWN_CODE] ?? 0), 2),
      floor: total(means.floor),
      'floor parse': round(means.floor[FLOOR_PARSE] ?? 0, 2),
      ratio: `${round(total(means.handler) / Math.max(total(means.floor), 0.001), 2)}×`,
    })),
  );
}

/** The handler's profiled pass beside its floors' on the same mails, per mail: where the gap between them is. */
function printProfiles(cpu: BenchResults['cpu']): void {
  const perMail = (ms: number | undefined) => round((ms ?? 0) / Math.max(1, cpu.profiledMails), 2);
  const handlers = new Map(cpu.handlerProfile.map((p) => [p.owner, p]));
  const floorMs = new Map(cpu.floorProfile.map((p) => [p.owner, p.ms]));
  const owners = [...new Set([...handlers.keys(), ...floorMs.keys()])];
  console.log(
    `Where the handler thread spent its CPU, and its realistic floor's (profiled pass, ms per mail, ${cpu.profiledMails} mails):`,
  );
  console.table(
    owners.map((owner) => {
      const handler = handlers.get(owner);
      const [handlerMs, floor] = [perMail(handler?.ms), perMail(floorMs.get(owner))];
      return {
        owner,
        handler: handlerMs,
        share: `${round((handler?.share ?? 0) * 100)}%`,
        floor,
        gap: round(handlerMs - floor, 2),
      };
    }),
  );
}
