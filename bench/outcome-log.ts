import type { IntakeOutcome } from '../functions/core/intake-outcome.ts';

export interface TimedOutcome {
  readonly outcome: IntakeOutcome;
  /** performance.now() when the handler returned it. */
  readonly at: number;
}

/**
 * Every outcome the local stack's handler reports, by SES message id, with when it came. A mail's
 * outcome can arrive before its sender has read the SMTP reply, so outcomes are kept until asked for.
 */
export class OutcomeLog {
  private readonly outcomes = new Map<string, TimedOutcome>();
  private readonly waiting = new Map<string, (timed: TimedOutcome) => void>();
  deadLetters = 0;

  /** Pass to startLocalStack's `onOutcome`. */
  readonly record = (outcome: IntakeOutcome): void => {
    const timed = { outcome, at: performance.now() };
    // A duplicate delivery's outcome never replaces the first one.
    if (!this.outcomes.has(outcome.sesMessageId)) this.outcomes.set(outcome.sesMessageId, timed);
    this.waiting.get(outcome.sesMessageId)?.(timed);
    this.waiting.delete(outcome.sesMessageId);
  };

  /** Pass to startLocalStack's `onDeadLetter`. */
  readonly recordDeadLetter = (): void => {
    this.deadLetters++;
  };

  /** The outcome of one receipt, once the handler has finished with it. */
  outcomeOf(sesMessageId: string): Promise<TimedOutcome> {
    const known = this.outcomes.get(sesMessageId);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => this.waiting.set(sesMessageId, resolve));
  }
}
