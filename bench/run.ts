import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { localConfig } from '../infra/local/local-config.ts';
import { measureIntakeLatency, type LatencyResult } from './intake-latency.ts';

/** `npm run bench`: figures anyone can reproduce on the local stack. Results go to .bench/. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mails: { type: 'string', default: '20' } } });
  const mails = Number(values.mails);
  const stack = await startLocalStack({ config: localConfig(undefined), smtpPort: 0 });
  try {
    // Warm up: the first mail pays for module loading and the emulators' JIT.
    await measureIntakeLatency(stack, 3, 1, 'warmup');
    const results: LatencyResult[] = [];
    for (const concurrency of [1]) results.push(await measureIntakeLatency(stack, mails, concurrency, `c${concurrency}`));
    console.log('\nIntake: SMTP accepted -> acknowledgement .eml written');
    console.table(results);
    await mkdir('.bench', { recursive: true });
    await writeFile('.bench/results.json', JSON.stringify({ at: new Date().toISOString(), intake: results }, null, 2));
    console.log('Written to .bench/results.json');
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
