import type { CaseCheck } from './follow-up.ts';
import type { OutboundDraft } from './outbound-draft.ts';

/** One received mail, what became of it, and the messages it still has to send (its outbox). */
export interface IntakeRecord {
  readonly intakeKey: string;
  readonly sesMessageId: string;
  readonly rawKey: string;
  readonly receivedAt: string;
  readonly outcome: 'case-opened' | 'case-updated' | 'held' | 'ignored';
  /** Why it was held or ignored, why nobody was answered, or why it did not join the case it named. */
  readonly reason?: string;
  readonly caseNumber?: number;
  /** Drafts to send, by name; `pendingSends` names those not yet sent. */
  readonly outbox: Readonly<Record<string, OutboundDraft>>;
  /** Timed checks to queue: response-time targets and follow-ups (pending as `sla-checks`). */
  readonly slaChecks?: readonly CaseCheck[];
  readonly pendingSends?: ReadonlySet<string>;
  /** Epoch ms until which one invocation owns sending the outbox. */
  readonly leaseUntil?: number;
  /**
   * Recipients of the outbox found on the suppression list when it was committed (address → why);
   * absent when the commit did not check, and sending looks them up itself.
   */
  readonly suppressed?: Readonly<Record<string, string>>;
  /** Drafts withheld from suppressed recipients, one line each: to whom, and why. */
  readonly withheld?: readonly string[];
}
