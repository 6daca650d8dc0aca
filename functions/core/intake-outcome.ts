import type { CaseMeasures } from './case-measures.ts';

/** What became of one received mail: logged, counted in metrics, and shown by the local stack. */
export interface IntakeOutcome {
  readonly sesMessageId: string;
  readonly outcome: 'case-opened' | 'case-updated' | 'held' | 'ignored' | 'duplicate';
  readonly reason?: string;
  readonly caseNumber?: number;
  /** Names of the messages this invocation sent (acknowledgement, notification, reply ...). */
  readonly sent: readonly string[];
  readonly acknowledged: boolean;
  /** Response and resolution times this mail completed, for metrics. */
  readonly measures?: CaseMeasures;
  /** The mail was a bounce of one of our messages, filed in its case. */
  readonly bounce?: boolean;
  /** Something a person should fix, though the mail was taken in (e.g. a calendar that places no deadline). */
  readonly problems?: readonly string[];
}
