/** Several support addresses in one deployment, each a queue of its own (issue 19). */
import type { Team } from './agents.ts';
import type { BusinessHours } from './business-hours.ts';
import type { SlaPolicy } from './sla-clock.ts';

/** The queue a case without a `queue` attribute belongs to: the deployment's first, its `supportAddress`. */
export const DEFAULT_QUEUE_ID = 'support';

/** A language we write in: a lowercase ISO 639-1 code (`en`, `de`). */
export type LanguageCode = string;

/** A LanguageCode's form: two lowercase letters, as in templates/<code>/ (isLanguageCode also asks whether it names a language). */
export const LANGUAGE_CODE_FORM = /^[a-z]{2}$/;

/** The language of a case whose customer gave no sign of theirs, and of any template missing in theirs. */
export const FALLBACK_LANGUAGE: LanguageCode = 'en';

/**
 * One inbound address and everything that answers it: who we say we are, who works its cases, when
 * and how fast, and in which language a customer is written to until their own is known. Plain data,
 * written at deploy time from the validated configuration (QUEUES) and read once per process.
 */
export interface SupportQueue {
  /** Short name used in commands and the CLI (`#move billing`, `--queue billing`): lowercase letters, digits, dashes. */
  readonly id: string;
  /** The address customers write to; every message of its cases comes from it. Lowercase. */
  readonly address: string;
  /** Display name on every message we send for it. */
  readonly displayName: string;
  /** Who answers, where unassigned work goes, who supervises (changed at run time with `support agents --queue`). */
  readonly team: Team;
  readonly businessHours: BusinessHours;
  readonly slaPolicy: SlaPolicy;
  /** The language of a new case when the customer's cannot be told. */
  readonly language: LanguageCode;
  /** Plain-text lines under everything we write to this queue's customers; none when unset. */
  readonly signature?: string;
  /** A folder under templates/queues/ whose files replace the shared ones for this queue; none when unset. */
  readonly templates?: string;
}
