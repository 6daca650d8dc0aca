import { agentAnswer, type FaultThread } from './fault-mail.ts';
import { replayDeadLetters, type PassSetup } from './fault-pass.ts';

/** A new production account's SES sending quota, messages per second (SES developer guide, "Sending quotas"). */
export const SES_START_RATE_PER_SECOND = 14;
/** Agents solving cases at once, as a team closing its backlog at the end of a day. */
const BURST_CONCURRENCY = 16;

export interface BurstResult {
  readonly closings: number;
  readonly throttled: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly deadLetters: number;
  readonly seconds: number;
}

/**
 * `#solve` on `threads` all at once with SES at its starting quota: every closing mail must go out,
 * once, however often SES answers "Maximum sending rate exceeded.".
 */
export async function runBurst(setup: PassSetup, threads: readonly FaultThread[]): Promise<BurstResult> {
  const { stack, runner } = setup;
  stack.faults?.layer.configure({ rate: 0, sesRatePerSecond: SES_START_RATE_PER_SECOND });
  const runId = `burst-${Date.now().toString(36)}`;
  const mails = await Promise.all(threads.map((t) => agentAnswer(runId, t, setup, 'solve')));
  const deliveredBefore = stack.ses.sent.length;
  const { sent, seconds } = await runner.sendAll(mails, BURST_CONCURRENCY);
  await stack.idle();
  const deadLetters = sent.filter((s) => 'deadLetter' in s.fate).length;
  if (deadLetters > 0) await replayDeadLetters(stack);
  await stack.idle();
  const throttled = stack.faults?.layer.injected()['ses TooManyRequestsException'] ?? 0;
  stack.faults?.layer.configure({ rate: 0 });
  const delivered = stack.ses.sent.slice(deliveredBefore);
  const counts = threads.map((t) => delivered.filter((m) => m.recipients.includes(t.customer)).length);
  return {
    closings: threads.length,
    throttled,
    missing: counts.filter((c) => c === 0).length,
    duplicates: counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
    deadLetters,
    seconds,
  };
}
