import type { IntakeStore } from '../adapters/intake-store.ts';

/**
 * How long a copy waits for the invocation that holds an outbox's lease to finish sending. A live
 * holder sends two or three mails in well under this; a holder that died (a crash, a timeout) never
 * finishes, and the copy must not report the mail done while its acknowledgement is unsent.
 */
const LEASE_WAIT_MS = 2_000;
/** Between two reads of the outbox while waiting. */
const LEASE_POLL_MS = 100;

/**
 * Another invocation holds the outbox and has not finished within LEASE_WAIT_MS: this one fails,
 * so Lambda retries it (a minute, then two, later) or the failed-mail queue keeps it, rather than
 * reporting the mail done. Without this, the retry of an invocation that died after committing
 * found its own stale lease, returned "duplicate", and the acknowledgement was never sent.
 */
export class OutboxLeasedError extends Error {
  constructor(intakeKey: string, options?: ErrorOptions) {
    super(
      `The outbox of intake ${intakeKey} is held by another invocation (or one that died); retried once its lease lapses`,
      options,
    );
    this.name = 'OutboxLeasedError';
  }
}

/**
 * After a claim failed: waits for the holder to finish the outbox. Resolves when nothing is left to
 * send; throws OutboxLeasedError while something still is.
 */
export async function awaitLeaseHolder(intakes: Pick<IntakeStore, 'getIntake'>, intakeKey: string): Promise<void> {
  const deadline = Date.now() + LEASE_WAIT_MS;
  for (;;) {
    const current = await intakes.getIntake(intakeKey);
    if (current?.pendingSends === undefined) return;
    if (Date.now() >= deadline) throw new OutboxLeasedError(intakeKey);
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
}
