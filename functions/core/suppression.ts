import type { MailAddress } from './support-case.ts';

/** Why an address gets no more mail from us: it bounced for good, or its owner reported us as spam. */
export const SUPPRESSION_REASONS = ['bounce', 'complaint'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** One address on the suppression list, with what SES told us about it. */
export interface Suppression {
  /** Lower-case; see `suppressionAddress`. */
  readonly address: string;
  readonly reason: SuppressionReason;
  /** What SES said: the bounce type, subtype and diagnostic, or the complaint's feedback type. */
  readonly detail: string;
  /** When the bounce or complaint happened (SES's timestamp). */
  readonly at: string;
  /** SES's id of our message that bounced or drew the complaint. */
  readonly sesMessageId: string;
  readonly feedbackId: string;
}

/** A bounce or complaint SES reported on one of our messages (see functions/suppression/ses-feedback-event.ts). */
export type SesFeedback =
  | {
      readonly kind: 'bounce';
      /** `Permanent`, `Transient` or `Undetermined`. */
      readonly bounceType: string;
      readonly bounceSubType: string;
      readonly recipients: ReadonlyArray<{
        readonly address: string;
        readonly status?: string;
        readonly diagnosticCode?: string;
      }>;
      readonly at: string;
      readonly feedbackId: string;
      readonly sesMessageId: string;
    }
  | {
      readonly kind: 'complaint';
      /** The feedback report's type (`abuse`, `not-spam`, ...), when the mailbox provider sent one. */
      readonly feedbackType?: string;
      readonly recipients: ReadonlyArray<{ readonly address: string }>;
      readonly at: string;
      readonly feedbackId: string;
      readonly sesMessageId: string;
    };

/** What to do with a feedback event: addresses to suppress, or why none. */
export type SuppressionDecision =
  | { readonly suppress: readonly Suppression[] }
  | { readonly suppress: readonly []; readonly ignored: string };

/**
 * Addresses are compared without case: the local part is case-sensitive in theory, but no mailbox
 * provider treats it so, and SES reports the address as the receiving server wrote it.
 */
export function suppressionAddress(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * Which recipients of a bounce or complaint stop getting mail. Only a permanent bounce suppresses: a
 * transient one (mailbox full, greylisting) is SES still trying, and an undetermined one says nothing
 * about the address. Every complaint suppresses except a `not-spam` report, which is the recipient
 * taking a spam verdict back.
 */
export function decideSuppression(feedback: SesFeedback): SuppressionDecision {
  const base = { at: feedback.at, sesMessageId: feedback.sesMessageId, feedbackId: feedback.feedbackId };
  if (feedback.kind === 'bounce') {
    if (feedback.bounceType !== 'Permanent')
      return {
        suppress: [],
        ignored: `a ${feedback.bounceType.toLowerCase()} bounce (${feedback.bounceSubType}) does not mean the address is gone`,
      };
    return {
      suppress: feedback.recipients.map((r) => ({
        ...base,
        address: suppressionAddress(r.address),
        reason: 'bounce',
        detail: [`${feedback.bounceType} ${feedback.bounceSubType}`, r.status, r.diagnosticCode]
          .filter(Boolean)
          .join('; '),
      })),
    };
  }
  if (feedback.feedbackType === 'not-spam')
    return { suppress: [], ignored: 'a not-spam report takes a complaint back' };
  return {
    suppress: feedback.recipients.map((r) => ({
      ...base,
      address: suppressionAddress(r.address),
      reason: 'complaint',
      detail: feedback.feedbackType ?? 'complaint',
    })),
  };
}

/** How a suppression reads in an intake's record of what was not sent, and why. */
export function describeSuppression(s: Pick<Suppression, 'reason' | 'detail' | 'at'>): string {
  return `${s.reason} (${s.detail}) on ${s.at}`;
}

/** Suppressions as an intake keeps them: address → `describeSuppression`. */
export function describeSuppressions(found: ReadonlyMap<string, Suppression>): Record<string, string> {
  return Object.fromEntries([...found].map(([address, s]) => [address, describeSuppression(s)]));
}

/** Every address a set of drafts would be sent to, once each, as the suppression list keys them. */
export function recipientsOf(
  drafts: Iterable<{ readonly to: readonly MailAddress[]; readonly cc: readonly MailAddress[] }>,
): string[] {
  return [...new Set([...drafts].flatMap((d) => [...d.to, ...d.cc].map((a) => suppressionAddress(a.address))))];
}

/**
 * Splits a draft's recipients into those it still goes to and those it is withheld from.
 * `suppressed` maps an address to why it is suppressed (`describeSuppression`).
 */
export function splitRecipients(
  draft: { readonly to: readonly MailAddress[]; readonly cc: readonly MailAddress[] },
  suppressed: Readonly<Record<string, string>>,
): { deliver: string[]; withheld: string[] } {
  const all = recipientsOf([draft]);
  return {
    deliver: all.filter((a) => suppressed[a] === undefined),
    withheld: all.filter((a) => suppressed[a] !== undefined),
  };
}

/** The line an intake keeps for a draft withheld from some or all of its recipients. */
export function withheldNote(
  name: string,
  withheld: readonly string[],
  suppressed: Readonly<Record<string, string>>,
  sentToOthers: boolean,
): string {
  const whom = withheld.map((a) => `${a}: ${suppressed[a] ?? 'suppressed'}`).join(', ');
  return sentToOthers
    ? `${name} not sent to suppressed ${whom}`
    : `${name} not sent: every recipient is suppressed (${whom})`;
}
