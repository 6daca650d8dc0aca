import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { caseItem } from '../functions/adapters/case-items.ts';
import { ratingEventKey } from '../functions/adapters/case-keys.ts';
import { createTableClients } from '../functions/adapters/table-clients.ts';
import type { SupportCase } from '../functions/core/support-case.ts';
import { localConfig } from '../infra/local/local-config.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';

/** The two sizes: a month of a small team, and twenty times that. */
const SIZES = [1_000, 20_000] as const;
/** DynamoDB's BatchWriteItem limit. */
const BATCH = 25;
/** Batches in flight while seeding: DynamoDB Local is a JVM on a shared 2-core machine. */
const SEED_CONCURRENCY = 4;
const HOUR = 3_600_000;

export interface ReportScaleRow {
  readonly cases: number;
  /** Wall time of `support report` for the month, process start included. */
  readonly reportMs: number;
  /** The same command for this month, in which no seeded case changed: the process start and the empty reads. */
  readonly emptyMs: number;
  /** (reportMs - emptyMs) / cases. */
  readonly msPerCase: number;
  readonly peakRssMb: number;
}

/**
 * `support report --month` over 1,000 and 20,000 seeded cases of last month, each on a fresh local
 * stack, in a child process of its own: wall time and peak memory (issue 18.3's bar: memory at
 * 20,000 at most 1.5× that at 1,000; time per case no higher). Prints the table and returns it.
 */
export async function benchReportScale(sizes: readonly number[] = SIZES): Promise<ReportScaleRow[]> {
  const rows: ReportScaleRow[] = [];
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  for (const size of sizes) {
    const stack = await startLocalStack({ config: localConfig(undefined), smtpPort: 0, surveyPort: 0 });
    const { doc } = createTableClients();
    try {
      console.error(`[bench] report scale: seeding ${size} cases of ${month.toISOString().slice(0, 7)}`);
      await seedMonth(doc, stack.tableName, month, size);
      const dataDir = dirname(stack.stackFile);
      // This month: the seeded cases all changed last month, so nothing is read (start-up and empty reads).
      const empty = await timeReport(dataDir, now.toISOString().slice(0, 7));
      const full = await timeReport(dataDir, month.toISOString().slice(0, 7));
      rows.push({
        cases: size,
        reportMs: Math.round(full.ms),
        emptyMs: Math.round(empty.ms),
        msPerCase: Number(((full.ms - empty.ms) / size).toFixed(4)),
        peakRssMb: Math.round(full.peakRssKb / 1024),
      });
    } finally {
      doc.destroy();
      await stack.stop();
    }
  }
  console.log('\nsupport report --month over one month of seeded cases (child process; peak RSS from getrusage)');
  console.table(rows);
  const [small, large] = [rows[0], rows.at(-1)];
  if (small !== undefined && large !== undefined && large !== small)
    console.log(
      `memory ${large.cases} / ${small.cases}: ${(large.peakRssMb / small.peakRssMb).toFixed(2)}× (bar ≤ 1.5×); ` +
        `time per case ${large.msPerCase} vs ${small.msPerCase} ms (bar: no higher)`,
    );
  return rows;
}

/** Runs the real `support report` for a month in a child process; its wall time and peak memory. */
async function timeReport(dataDir: string, month: string): Promise<{ ms: number; peakRssKb: number }> {
  const started = performance.now();
  const { stderr } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      resolve('bench', 'peak-rss.mjs'),
      resolve('infra', 'cli', 'support.mjs'),
      'report',
      '--month',
      month,
      '--data-dir',
      dataDir,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - started;
  return { ms, peakRssKb: Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? Number.NaN) };
}

/** `count` cases opened through `month`, most answered, solved and rated, each with a case's usual history. */
async function seedMonth(doc: DynamoDBDocumentClient, tableName: string, month: Date, count: number): Promise<void> {
  const span = 28 * 24 * HOUR;
  const items = Array.from({ length: count }, (_, i) => {
    const opened = month.getTime() + Math.floor((i / count) * span);
    const supportCase = seededCase(1001 + i, opened);
    return [
      caseItem(supportCase),
      ...(i % 3 === 0
        ? [
            {
              ...ratingEventKey(new Date(opened + 30 * HOUR).toISOString(), supportCase.caseNumber, `seed-${i}`),
              type: 'ratingEvent',
              eventId: `seed-${i}`,
              caseNumber: supportCase.caseNumber,
              agentId: supportCase.assignee ?? 'A-101',
              answer: i % 4 === 0 ? 'okay' : 'great',
              ratedAt: new Date(opened + 30 * HOUR).toISOString(),
            },
          ]
        : []),
    ];
  }).flat();
  const batches = Array.from({ length: Math.ceil(items.length / BATCH) }, (_, b) =>
    items.slice(b * BATCH, (b + 1) * BATCH),
  );
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}

function seededCase(caseNumber: number, opened: number): SupportCase {
  const at = (hours: number) => new Date(opened + hours * HOUR).toISOString();
  const agent = ['A-101', 'A-102', 'S-001'][caseNumber % 3] ?? 'A-101';
  const solved = caseNumber % 5 !== 0;
  return {
    caseId: `seed-${caseNumber}`,
    caseNumber,
    version: 6,
    subject: `Order ${caseNumber} has not arrived`,
    requester: { address: `customer${caseNumber}@customer.test`, name: `Customer ${caseNumber}` },
    participants: [`customer${caseNumber}@customer.test`],
    status: solved ? 'solved' : 'open',
    priority: 'normal',
    flags: [],
    assignee: agent,
    createdAt: at(0),
    updatedAt: at(solved ? 26 : 2),
    firstResponseAt: at(1),
    firstResponseBy: agent,
    ...(solved ? { solvedAt: at(26), solvedBy: agent } : {}),
    ...(caseNumber % 11 === 0 ? { slaBreaches: ['first-response' as const] } : {}),
    lastCustomerMessageId: `<c${caseNumber}-3@customer.test>`,
    threadReferences: [1, 2, 3].map((n) => `<c${caseNumber}-${n}@customer.test>`),
    // The history a case carries for notifications: what made whole items about 7.5 KB.
    recent: Array.from({ length: 10 }, (_, n) => ({
      at: at(n),
      kind: n % 2 === 0 ? ('customer' as const) : ('agent-reply' as const),
      who: n % 2 === 0 ? `Customer ${caseNumber}` : agent,
      snippet: `Message ${n} of case ${caseNumber}: `.padEnd(600, 'lorem ipsum dolor sit amet '),
    })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReportScale();
