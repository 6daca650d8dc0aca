import type { ReceiptVerdicts } from './intake-decision.ts';

/**
 * Where the address we answer came from. RFC 5322 makes From mandatory, but real mail arrives
 * without one (scripts, scanners, broken gateways); a mail client replying to such a message uses
 * Sender or Reply-To, and the SMTP envelope still says who handed it over.
 */
export type SenderSource = 'from' | 'sender' | 'reply-to' | 'envelope';

const SOURCE_NAMES: Readonly<Record<Exclude<SenderSource, 'from'>, string>> = {
  sender: 'the Sender header',
  'reply-to': 'the Reply-To header',
  envelope: 'the envelope sender (SMTP MAIL FROM)',
};

/**
 * Plain lines for the agent about who the sender is: whether the address came from elsewhere than
 * From, and whether it takes replies at all. Empty for ordinary mail.
 */
export function senderNotes(input: { readonly source?: SenderSource; readonly takesNoReplies: boolean }): string[] {
  const notes: string[] = [];
  if (input.source !== undefined && input.source !== 'from')
    notes.push(`No usable From header; sender taken from ${SOURCE_NAMES[input.source]}.`);
  if (input.takesNoReplies)
    notes.push(
      'The sender does not take replies (a no-reply address): no acknowledgement was sent, and an answer to it will probably reach nobody.',
    );
  return notes;
}

/**
 * The verdicts as they bear on the sender we read. DMARC proves the domain of the From address and
 * nothing else: a sender taken from Sender, Reply-To or the envelope, beside a From that passed for
 * another domain, is unproven (GRAY), or a From that DMARC passed as attacker.test would let a
 * `Sender: agent@our-team` act as that agent. A FAIL stays a FAIL.
 */
export function verdictsForSender(verdicts: ReceiptVerdicts, source: SenderSource | undefined): ReceiptVerdicts {
  return source !== 'from' && verdicts.dmarc === 'PASS' ? { ...verdicts, dmarc: 'GRAY' } : verdicts;
}
