import { watch } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { safeFolder } from '../infra/local/ses-local.ts';

export interface LatencyResult {
  readonly mails: number;
  readonly concurrency: number;
  readonly acknowledged: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly mailsPerSecond: number;
}

/**
 * Sends `mails` new-case mails over SMTP, `concurrency` at a time, and times each from the SMTP
 * server's 250 reply to the acknowledgement's .eml appearing in the customer's folder.
 */
export async function measureIntakeLatency(stack: LocalStack, mails: number, concurrency: number, runId: string): Promise<LatencyResult> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: stack.smtpPort, pool: true, maxConnections: concurrency, ignoreTLS: true });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < mails) {
      const index = next++;
      const customer = `bench-${runId}-${index}@customer.test`;
      const folder = join(stack.mailDir, safeFolder(customer));
      await mkdir(folder, { recursive: true });
      const arrived = new Promise<number>((resolve) => {
        const watcher = watch(folder, () => {
          watcher.close();
          resolve(performance.now());
        });
      });
      await transport.sendMail({ from: customer, to: 'support@example.test', subject: `Bench ${index}`, text: 'Hello, my order never arrived.\n'.repeat(5) });
      const accepted = performance.now();
      latencies.push((await arrived) - accepted);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await stack.idle();
  transport.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return { mails, concurrency, acknowledged: latencies.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: round(latencies.at(-1) ?? NaN), mailsPerSecond: round(mails / elapsed) };
}

const round = (n: number) => Math.round(n * 10) / 10;
