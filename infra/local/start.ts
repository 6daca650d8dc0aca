import { resolve } from 'node:path';
import { SupportConfigError } from '../config.ts';
import { describeFiledCopy, startBanner } from './banner.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { demoConfig } from './demo-config.ts';
import { describeOutcome } from './outcome-words.ts';
import { localConfig } from './local-config.ts';
import { assertJava, assertPortFree, busyPortOf, JavaMissingError, PortInUseError } from './preflight.ts';
import { parseStartOptions, START_USAGE, StartUsageError } from './start-options.ts';

/** Exit statuses, as the support CLI's: called wrongly, and could not run. */
const EXIT_USAGE = 2;
const EXIT_FAILED = 1;
/** Failures whose message says all a person needs: one line on stderr, no stack trace. */
const PLAIN_FAILURES = [SupportConfigError, PortInUseError, JavaMissingError, DataDirLockedError];

/** What `--faults`, `--fault-seed` and `--crash-at` switched on, in one line under the banner. */
function describeFaults(faults: NonNullable<ReturnType<typeof parseStartOptions>['faults']>): string {
  const crash = faults.crashAt === undefined ? '' : `; each mail's first attempt dies at ${faults.crashAt}`;
  return `Faults on: ${faults.rate * 100}% of the functions' AWS calls fail as AWS's do (seed ${faults.seed ?? 1})${crash}. See docs/design.md.`;
}

async function main(): Promise<void> {
  const options = parseStartOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(START_USAGE);
    return;
  }
  const fromCdkJson = localConfig(options.supportAddress, options.configFile);
  const config = options.demo ? demoConfig(fromCdkJson) : fromCdkJson;
  const dataDir = options.inMemory ? undefined : resolve(options.dataDir ?? '.local');
  // Checked before anything starts, so a busy port or a missing Java is one line, not a half-started stack.
  assertJava();
  await assertPortFree(options.smtpPort, '--smtp-port');
  await assertPortFree(options.surveyPort, '--survey-port');

  console.log(`Starting the local stack${options.demo ? ' in demo mode' : ''} (DynamoDB Local takes a few seconds)...`);
  // Loaded only now: the SDK and the emulators take seconds to import, which a usage error need not wait for.
  const { startLocalStack } = await import('./local-stack.ts');
  const cwd = process.cwd();
  const stack = await startLocalStack({
    config,
    ...(dataDir === undefined ? {} : { dataDir }),
    smtpPort: options.smtpPort,
    surveyPort: options.surveyPort,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    onOutcome: (o) => console.log(`  ${new Date().toISOString()}  ${describeOutcome(o)}`),
    onMailFiled: (copy) => console.log(describeFiledCopy(copy, cwd)),
    onDeadLetter: (event, error) =>
      console.error(`  failed after retries: ${event.Records[0]?.ses.mail.messageId}: ${String(error)}`),
  }).catch((error: unknown) => {
    // Taken between the check above and the stack's own listen.
    const port = busyPortOf(error);
    throw port === undefined
      ? error
      : new PortInUseError(port, port === options.surveyPort ? '--survey-port' : '--smtp-port');
  });
  console.log(startBanner({ config, stack, team: await stack.currentTeam(), demo: options.demo, dataDir, cwd }));
  if (options.faults !== undefined) console.log(describeFaults(options.faults));
  const stop = async () => {
    console.log('\nStopping...');
    await stack.stop();
    process.exit(0);
  };
  // Ctrl-C, kill, or the terminal closing: each stops the stack, DynamoDB Local's JVM included.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof StartUsageError) {
    console.error(`npm start: ${error.message}`);
    process.exit(EXIT_USAGE);
  }
  const plain = PLAIN_FAILURES.some((kind) => error instanceof kind);
  console.error(plain && error instanceof Error ? `npm start: ${error.message}` : error);
  process.exit(EXIT_FAILED);
});
