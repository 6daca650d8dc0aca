import { newCaseMail } from './fault-mail.ts';
import { readTable, replayDeadLetters, type PassSetup } from './fault-pass.ts';

/** One crash: where the first attempt died, and what became of the mail. */
export interface CrashStepResult {
  readonly step: string;
  /** 'retry' when Lambda's own retries took it in, 'replay' when the failed-mail queue's replay did. */
  readonly takenInBy: 'retry' | 'replay';
  readonly acknowledgements: number;
}

export interface CrashResult {
  readonly steps: readonly CrashStepResult[];
  /** Mails with no finished intake after the replay. */
  readonly lost: number;
  readonly missingAcknowledgements: number;
  readonly duplicateAcknowledgements: number;
  readonly replayed: number;
}

/**
 * A new case's intake, killed once at each of its steps: before each of its AWS calls in turn, and
 * after the last one before it returns. The steps are those of a clean intake, traced first.
 */
export async function runCrashes(setup: PassSetup): Promise<CrashResult> {
  const { stack, runner } = setup;
  const faults = stack.faults;
  if (faults === undefined) throw new Error('The stack runs without its fault layer');
  const runId = `crash-${Date.now().toString(36)}`;
  let calls: readonly string[] = [];
  faults.crashNext(undefined, (trace) => {
    calls = trace.calls;
  });
  await runner.send(await newCaseMail(runId, 0, setup.supportAddress));
  const steps = [
    ...calls.map((call, i) => `${call}#${calls.slice(0, i + 1).filter((c) => c === call).length}` as const),
    'before-return' as const,
  ];
  const deliveredBefore = stack.ses.sent.length;
  const sent = [];
  for (const [i, step] of steps.entries()) {
    faults.crashNext(step);
    sent.push({ step, ...(await runner.send(await newCaseMail(runId, i + 1, setup.supportAddress))) });
  }
  await stack.idle();
  const replayed = await replayDeadLetters(stack);
  await stack.idle();
  const intakes = new Map((await readTable(stack)).intakes.map((i) => [String(i.sesMessageId), i]));
  const delivered = stack.ses.sent.slice(deliveredBefore);
  const results = sent.map((s) => ({
    step: s.step,
    takenInBy: 'outcome' in s.fate ? ('retry' as const) : ('replay' as const),
    acknowledgements: delivered.filter((m) => m.recipients.includes(s.mail.customer)).length,
    done: intakes.get(s.sesMessageId)?.pendingSends === undefined && intakes.has(s.sesMessageId),
  }));
  return {
    steps: results.map(({ step, takenInBy, acknowledgements }) => ({ step, takenInBy, acknowledgements })),
    lost: results.filter((r) => !r.done).length,
    missingAcknowledgements: results.filter((r) => r.acknowledgements === 0).length,
    duplicateAcknowledgements: results.reduce((sum, r) => sum + Math.max(0, r.acknowledgements - 1), 0),
    replayed,
  };
}
