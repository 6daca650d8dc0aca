/**
 * Recognises mail that no person wrote (RFC 3834 and the conventions around it), so that we never
 * answer a machine and two auto-responders cannot talk to each other forever.
 */

/** The headers and envelope facts that tell automatic mail apart; all values as received. */
export interface AutomaticMailSignals {
  /** Envelope sender (SMTP MAIL FROM); empty for bounces and other null-sender mail. */
  readonly envelopeSender: string;
  readonly fromAddress?: string;
  /** The From header as written, for senders without a usable address (`MAILER-DAEMON <>`). */
  readonly fromText?: string;
  readonly autoSubmitted?: string;
  readonly precedence?: string;
  readonly xAutoreply?: string;
  readonly xAutorespond?: string;
  readonly xAutoResponseSuppress?: string;
  readonly listId?: string;
  /** `report-type` of a top-level multipart/report, lower case. */
  readonly reportType?: string;
  /** `x-amz-sns-message-id`: an Amazon SNS notification delivered by mail (SES bounce topics, alarms). */
  readonly snsMessageId?: string;
}

export type AutomaticMailReason =
  | 'auto-submitted'
  | 'precedence'
  | 'autoreply-header'
  | 'mailing-list'
  | 'null-sender'
  | 'mailer-daemon'
  | 'sns-notification'
  | 'delivery-report'
  | 'feedback-report';

const MAILER_DAEMON = /^(mailer[-_]?daemon|post[-_]?master|mail[-_]?daemon)@/i;
const MAILER_DAEMON_NAME = /\b(mailer[-_]?daemon|post[-_]?master)\b/i;
/** Addresses that say nobody reads replies (see `isNoReplyAddress`). */
const NO_REPLY = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply)([+-][^@]*)?@/i;
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
  if (signals.fromAddress === undefined && MAILER_DAEMON_NAME.test(signals.fromText ?? '')) return 'mailer-daemon';
  const autoSubmitted = firstToken(signals.autoSubmitted);
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return 'auto-submitted';
  const precedence = firstToken(signals.precedence);
  if (precedence !== undefined && AUTOMATIC_PRECEDENCE.has(precedence)) return 'precedence';
  if (signals.xAutoreply !== undefined || signals.xAutorespond !== undefined) return 'autoreply-header';
  if (signals.listId !== undefined) return 'mailing-list';
  // SNS mails its notifications from no-reply@sns.amazonaws.com with no RFC 3834 header at all.
  if (signals.snsMessageId !== undefined) return 'sns-notification';
  return undefined;
}

/**
 * A sender that says nobody reads replies (`noreply@`, `do-not-reply@`). That alone does not make
 * the mail automatic: a person forwards a shop's order confirmation, or a form posts from such an
 * address, and the mail still needs an agent. It only means we do not answer it.
 */
export function isNoReplyAddress(address: string | undefined): boolean {
  return address !== undefined && NO_REPLY.test(address);
}

function firstToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const token = value.split(/[;\s]/, 1)[0]?.trim().toLowerCase();
  return token === '' ? undefined : token;
}
