import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import nodemailer from 'nodemailer';
import { parseSupportConfig } from '../infra/config.ts';
import { localConfig } from '../infra/local/local-config.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { percentile } from './stats.ts';

/**
 * `npm run bench:sla`: how late response-time alerts fire after their deadline with many open
 * cases on the local stack. Cases are opened over SMTP; the calendar is open around the clock and
 * the first-response target is short, so every case's warning and breach come due during the run.
 */
const WARN_AFTER_SECONDS = 20;
const BREACH_AFTER_SECONDS = 40;
/** Concurrent SMTP senders opening the cases. */
const SENDERS = 8;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000' } } });
  const cases = Number(values.cases);
  const allWeek = Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]),
  );
  const target = {
    firstResponse: BREACH_AFTER_SECONDS / 3600,
    nextResponse: BREACH_AFTER_SECONDS / 3600,
    resolution: 100,
  };
  const base = localConfig(undefined);
  const config = parseSupportConfig({
    ...base,
    autoReplyLimitPerHour: 100,
    // A thousand cases from one test domain: its customers are unrelated people, so no domain bound.
    limits: { unboundedDomains: ['customer.test'] },
    businessHours: { timeZone: 'UTC', weekly: allWeek, holidays: [] },
    responseTargets: {
      warnAt: WARN_AFTER_SECONDS / BREACH_AFTER_SECONDS,
      reEscalateAt: 5,
      byPriority: { low: target, normal: target, high: target, urgent: target },
    },
  });
  const stack = await startLocalStack({ config, smtpPort: 0, surveyPort: 0 });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    pool: true,
    maxConnections: SENDERS,
    ignoreTLS: true,
  });
  try {
    console.error(`[bench:sla] opening ${cases} cases over SMTP`);
    const opened = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < cases) {
          const i = next++;
          await transport.sendMail({
            from: `sla-${i}@customer.test`,
            to: config.supportAddress,
            subject: `Case ${i}`,
            text: 'Nobody answers.',
          });
        }
      }),
    );
    await stack.idle();
    console.error(
      `[bench:sla] ${cases} cases open after ${((Date.now() - opened) / 1000).toFixed(1)} s; waiting for their alerts`,
    );
    const expected = cases * 2;
    const deadline = Date.now() + (BREACH_AFTER_SECONDS + 240) * 1000;
    let alerts = await firedAlerts(stack.tableName);
    while (alerts.length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      alerts = await firedAlerts(stack.tableName);
    }
    const lateness = alerts.map((a) => a.lateMs).sort((a, b) => a - b);
    const result = {
      at: new Date().toISOString(),
      openCases: cases,
      alertsExpected: expected,
      alertsFired: alerts.length,
      lateMs: { median: percentile(lateness, 0.5), p95: percentile(lateness, 0.95), worst: lateness.at(-1) ?? NaN },
    };
    console.log('\nResponse-time alerts: fired after their deadline, with open cases on the local stack');
    console.table([result.lateMs]);
    console.log(`${result.alertsFired} of ${result.alertsExpected} alerts (a warning and a breach per case) fired.`);
    await mkdir('.bench', { recursive: true });
    await writeFile('.bench/sla-lateness.json', JSON.stringify(result, null, 2));
  } finally {
    transport.close();
    await stack.stop();
  }
}

/** Every alert recorded, with how long after its due instant it was taken in (its key names the due time). */
async function firedAlerts(tableName: string): Promise<Array<{ lateMs: number }>> {
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const found: Array<{ lateMs: number }> = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page: ScanCommandOutput = await dynamo.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: start,
        FilterExpression: 'begins_with(pk, :sla)',
        ExpressionAttributeValues: { ':sla': 'INTAKE#sla:' },
      }),
    );
    for (const raw of page.Items ?? []) {
      const item = raw as { intakeKey: string; receivedAt: string };
      const dueAt = item.intakeKey.split(':').slice(4).join(':');
      found.push({ lateMs: new Date(item.receivedAt).getTime() - new Date(dueAt).getTime() });
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  dynamo.destroy();
  return found;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
