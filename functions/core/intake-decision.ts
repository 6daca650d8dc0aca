import {
  detectAutomaticMail,
  isNoReplyAddress,
  type AutomaticMailReason,
  type AutomaticMailSignals,
} from './automatic-mail.ts';
import type { CaseFlag } from './support-case.ts';

/** SES receipt verdict values, as SES writes them (and as the local ingress writes them too). */
export type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

export interface ReceiptVerdicts {
  readonly spam: VerdictStatus;
  readonly virus: VerdictStatus;
  readonly spf: VerdictStatus;
  readonly dkim: VerdictStatus;
  readonly dmarc: VerdictStatus;
}

export interface IntakeFacts {
  readonly verdicts: ReceiptVerdicts;
  readonly signals: AutomaticMailSignals;
  /** Whom an answer would go to: From, else Sender, Reply-To or the envelope sender; none when all fail. */
  readonly sender?: string;
  /** False when the message could not be parsed at all; the raw message is still kept. */
  readonly parsed: boolean;
  /** The message's Message-ID is one we sent (a loop back to ourselves). */
  readonly isOwnMessage: boolean;
  /** Only the first part of an oversized message was read. */
  readonly truncated: boolean;
  readonly attachmentsSkipped: boolean;
  /** The MIME structure could not be decoded; the case holds the body as it came. */
  readonly bodyUndecoded: boolean;
  /** The MIME structure was beyond what we parse; the case holds a note and the raw is kept. */
  readonly tooComplex: boolean;
}

export type HoldReason = `automatic:${AutomaticMailReason}` | 'unparseable';

/** Why a new case gets no acknowledgement; recorded with the case. */
export type SilenceReason = 'spam' | 'virus' | 'unauthenticated' | 'no-sender' | 'no-reply-sender' | 'spoofed-agent';

export type IntakeDecision =
  | { readonly action: 'ignore'; readonly reason: 'own-message' }
  | { readonly action: 'hold'; readonly reason: HoldReason }
  | {
      readonly action: 'open-case';
      readonly flags: readonly CaseFlag[];
      /** Undefined when the customer is acknowledged. */
      readonly silence?: SilenceReason;
    };

/**
 * Decides what a newly received mail becomes. Nothing here drops mail: a held or ignored message
 * keeps its raw copy and its reason is recorded by the caller.
 */
export function decideIntake(facts: IntakeFacts): IntakeDecision {
  if (facts.isOwnMessage) return { action: 'ignore', reason: 'own-message' };
  if (!facts.parsed) return { action: 'hold', reason: 'unparseable' };
  const automatic = detectAutomaticMail(facts.signals);
  if (automatic !== undefined) return { action: 'hold', reason: `automatic:${automatic}` };

  const flags: CaseFlag[] = [];
  if (facts.verdicts.spam === 'FAIL') flags.push('spam');
  if (facts.verdicts.virus === 'FAIL') flags.push('virus');
  // DMARC failure means the From domain disowns this mail: acknowledging it would send our
  // reply to whoever was impersonated (backscatter).
  if (facts.verdicts.dmarc === 'FAIL') flags.push('unauthenticated');
  if (facts.sender === undefined) flags.push('no-sender');
  if (facts.truncated) flags.push('truncated');
  if (facts.attachmentsSkipped) flags.push('attachments-not-extracted');
  if (facts.bodyUndecoded) flags.push('body-not-decoded');
  // Still a person's mail: acknowledged like any other, while an agent reads the raw message.
  if (facts.tooComplex) flags.push('too-complex');

  // A no-reply sender gets a case (a person may well have sent it) but no acknowledgement.
  const silence =
    (['virus', 'spam', 'unauthenticated', 'no-sender'] as const).find((f) => flags.includes(f)) ??
    (isNoReplyAddress(facts.sender) ? 'no-reply-sender' : undefined);
  return silence === undefined ? { action: 'open-case', flags } : { action: 'open-case', flags, silence };
}
