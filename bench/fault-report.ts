import { SES_START_RATE_PER_SECOND, type BurstResult } from './fault-burst.ts';
import type { CrashResult } from './fault-crashes.ts';
import type { PassResult } from './fault-pass.ts';

/** One pass: the faults injected by kind, what became of the mail, and the summary line. */
export function printPass(pass: PassResult | undefined): void {
  if (pass === undefined) return;
  const v = pass.verdict;
  console.log(`\n## ${pass.label} (concurrency ${pass.concurrency})\n`);
  console.log('| fault injected | count |\n|---|---|');
  const faults = Object.entries(pass.faults).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, count] of faults) console.log(`| ${name} | ${count} |`);
  if (faults.length === 0) console.log('| (none) | 0 |');
  console.log('\n| invariant | count |\n|---|---|');
  const rows: Array<[string, number | string]> = [
    ['mails lost (no intake)', v.lost],
    ['mails without an outcome', v.withoutOutcome],
    ['case number problems', v.caseNumberProblems],
    ['acknowledgements/answers never sent', v.missingSends],
    ['duplicate sends (SES accepted, its record lost)', v.duplicateSends],
    ['open cases without checks', v.withoutChecks],
    ['votes recorded twice', v.votesTwice],
    ['dead letters / replayed', `${pass.deadLetters} / ${pass.replayed}`],
    [
      'votes cast / recorded / confirmations posted',
      `${pass.votes.cast} / ${pass.votes.recorded} / ${pass.votes.posts}`,
    ],
    ['mails/s', pass.mailsPerSecond.toFixed(1)],
  ];
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  console.log(
    `\nfaults: ${pass.mails} mails at ${pass.label}: ${pass.faultsInjected} faults injected, ${v.lost} lost, ${v.withoutOutcome} without an outcome, ${v.duplicateSends} duplicate sends (the documented window), ${pass.replayed} dead letters replayed`,
  );
}

export function printCrashes(result: CrashResult): void {
  console.log('\n## A crash at every step of a new case\n');
  console.log('| died before | taken in by | acknowledgements |\n|---|---|---|');
  for (const s of result.steps) console.log(`| ${s.step} | ${s.takenInBy} | ${s.acknowledgements} |`);
  console.log(
    `\nfaults: ${result.steps.length} crashes, one at each step of intake: ${result.lost} lost, ${result.missingAcknowledgements} without an acknowledgement, ${result.duplicateAcknowledgements} duplicate acknowledgements (the documented window), ${result.replayed} dead letters replayed`,
  );
}

/** Mails per second with and without faults, at the load passes' concurrency. */
export function printLoad(load: readonly PassResult[]): void {
  console.log('\n## Load\n\n| pass | mails/s |\n|---|---|');
  for (const pass of load) console.log(`| ${pass.label} | ${pass.mailsPerSecond.toFixed(1)} |`);
}

export function printBurst(burst: BurstResult): void {
  console.log(
    `\nfaults: burst of ${burst.closings} closing mails at SES's ${SES_START_RATE_PER_SECOND}/s: ${burst.throttled} sends throttled, ${burst.missing} lost, ${burst.duplicates} duplicate sends, ${burst.deadLetters} dead letters replayed, ${(burst.closings / burst.seconds).toFixed(1)} closings/s`,
  );
}
