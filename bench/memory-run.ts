import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import nodemailer from 'nodemailer';
import type { SupportConfig } from '../infra/config.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { buildNewCase } from './mail-mix.ts';
import { dynamoDbJvm } from './process-cpu.ts';
import { round } from './stats.ts';

/** Mails sent at once, then handled, before the next batch. */
const CONCURRENCY = 8;

export interface MemoryPoint {
  readonly mails: number;
  /** This Node process (the whole local stack but DynamoDB Local, and the bench), after a full GC. */
  readonly nodeRssMb: number;
  readonly nodeHeapUsedMb: number;
  /** DynamoDB Local's JVM, resident. */
  readonly dynamoDbLocalRssMb: number | undefined;
  readonly seconds: number;
}

/**
 * The local stack as `npm start` runs it (state in a data folder) taking `checkpoints.at(-1)` new
 * cases over SMTP, with memory read at each checkpoint after a full garbage collection: what stays
 * is what the stack keeps, not what it has not collected yet.
 */
export async function measureMemory(config: SupportConfig, checkpoints: readonly number[]): Promise<MemoryPoint[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mailcase-memory-'));
  const stack = await startLocalStack({ config, dataDir, smtpPort: 0, surveyPort: 0 });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    pool: true,
    maxConnections: CONCURRENCY,
    maxMessages: Infinity,
    ignoreTLS: true,
  });
  const points: MemoryPoint[] = [];
  const started = performance.now();
  try {
    let sent = 0;
    for (const checkpoint of checkpoints) {
      while (sent < checkpoint) {
        const batch = Array.from({ length: Math.min(CONCURRENCY, checkpoint - sent) }, (_, i) => sent + i);
        await Promise.all(
          batch.map(async (i) => {
            const mail = await buildNewCase('plain', i, {
              runId: 'memory',
              supportAddress: config.supportAddress,
              agentAddress: '',
            });
            await transport.sendMail({ envelope: { from: mail.from, to: [...mail.to] }, raw: mail.raw });
          }),
        );
        // Wait for the batch to be handled: SMTP accepts before the handler runs, and a sender that
        // runs ahead measures its own backlog, not what the stack keeps.
        await stack.idle();
        sent += batch.length;
        if (sent % 1000 === 0) console.error(`[bench] memory: ${sent} mails`);
      }
      await stack.idle();
      const point = readMemory(checkpoint, (performance.now() - started) / 1000);
      console.error(`[bench] memory at ${checkpoint} mails: ${JSON.stringify(point)}`);
      points.push(point);
    }
  } finally {
    transport.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return points;
}

function readMemory(mails: number, seconds: number): MemoryPoint {
  fullGc();
  const { rss, heapUsed } = process.memoryUsage();
  const jvm = dynamoDbJvm();
  return {
    mails,
    nodeRssMb: round(rss / 2 ** 20, 0),
    nodeHeapUsedMb: round(heapUsed / 2 ** 20, 0),
    dynamoDbLocalRssMb: jvm === undefined ? undefined : residentMb(jvm),
    seconds: round(seconds, 0),
  };
}

/** A full collection without starting Node with --expose-gc: the flag set at run time, gc taken from a fresh context. */
function fullGc(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

function residentMb(pid: number): number | undefined {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  const kb = Number(line?.split(/\s+/)[1]);
  return Number.isFinite(kb) ? round(kb / 1024, 0) : undefined;
}
