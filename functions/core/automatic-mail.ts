/**
 * Recognises mail that no person wrote (RFC 3834 and the conventions around it), so that we never
 * answer a machine and two auto-responders cannot talk to each other forever.
 */

/** The headers and envelope facts that tell automatic mail apart; all values as received. */
export interface AutomaticMailSignals {
  /** Envelope sender (SMTP MAIL FROM); empty for bounces and other null-sender mail. */
  readonly envelopeSender: string;
  readonly fromAddress?: string;
  readonly autoSubmitted?: string;
  readonly precedence?: string;
  readonly xAutoreply?: string;
  readonly xAutorespond?: string;
  readonly xAutoResponseSuppress?: string;
  readonly listId?: string;
  /** `report-type` of a top-level multipart/report, lower case. */
  readonly reportType?: string;
}

export type AutomaticMailReason =
  | 'auto-submitted'
  | 'precedence'
  | 'autoreply-header'
  | 'mailing-list'
  | 'null-sender'
  | 'mailer-daemon'
  | 'delivery-report'
  | 'feedback-report';

const MAILER_DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const NULL_SENDERS = new Set(['', '<>']);
const AUTOMATIC_PRECEDENCE = new Set(['bulk', 'junk', 'list']);

/** Returns why the mail is automatic, or undefined when a person wrote it. */
export function detectAutomaticMail(signals: AutomaticMailSignals): AutomaticMailReason | undefined {
  if (signals.reportType === 'delivery-status' || signals.reportType === 'disposition-notification') {
    return 'delivery-report';
  }
  if (signals.reportType === 'feedback-report') return 'feedback-report';
  if (NULL_SENDERS.has(signals.envelopeSender.trim())) return 'null-sender';
  if (MAILER_DAEMON.test(signals.envelopeSender) || MAILER_DAEMON.test(signals.fromAddress ?? '')) {
    return 'mailer-daemon';
  }
  const autoSubmitted = firstToken(signals.autoSubmitted);
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return 'auto-submitted';
  const precedence = firstToken(signals.precedence);
  if (precedence !== undefined && AUTOMATIC_PRECEDENCE.has(precedence)) return 'precedence';
  if (signals.xAutoreply !== undefined || signals.xAutorespond !== undefined) return 'autoreply-header';
  if (signals.listId !== undefined) return 'mailing-list';
  return undefined;
}

/** Whether the mail is a bounce or complaint report rather than an ordinary automatic reply. */
export function isDeliveryReport(reason: AutomaticMailReason | undefined): boolean {
  return reason === 'delivery-report' || reason === 'feedback-report' || reason === 'null-sender' || reason === 'mailer-daemon';
}

function firstToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const token = value.split(/[;\s]/, 1)[0]?.trim().toLowerCase();
  return token === '' ? undefined : token;
}
