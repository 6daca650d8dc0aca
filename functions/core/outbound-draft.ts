import type { LanguageCode } from './queues.ts';
import type { AttachmentRecord, MailAddress, MessageKind } from './support-case.ts';

/** Templates we render: each has `<name>.subject.hbs`, `<name>.text.hbs` and `<name>.html.hbs`. */
export type TemplateName =
  | 'acknowledgement'
  | 'agent-notification'
  | 'agent-reply'
  | 'command-problem'
  | 'escalation'
  | 'bug-report'
  | 'spoofed-agent'
  | 'bounce-notice'
  | 'answer-withheld'
  | 'sla-alert'
  | 'case-closing'
  | 'follow-up'
  | 'flood-notice'
  | 'handover'
  | 'handed-over'
  | 'case-notice'
  | 'case-moved'
  | 'rating-follow-up'
  | 'rating-thanks'
  | 'supervisor-request'
  | 'weekly-digest'
  | 'agent-monthly';

export type TemplateValue = string | number | boolean | readonly TemplateRecord[];
export type TemplateRecord = Readonly<Record<string, string | number | boolean>>;
export type TemplateData = Readonly<Record<string, TemplateValue>>;

/** A message the core wants sent; the mail layer renders and composes it. Plain JSON, so it can wait in the outbox. */
export interface OutboundDraft {
  readonly kind: MessageKind;
  readonly caseNumber: number;
  /** Display name on the support address; an agent's answer carries the agent's name. */
  readonly fromName: string;
  /** The queue's address it is sent from (From, Return-Path, and Reply-To's domain); absent: SUPPORT_ADDRESS. */
  readonly from?: string;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly replyTo?: string;
  readonly template: TemplateName;
  readonly data: TemplateData;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** Sent by the pipeline on its own (not a person's words): marked per RFC 3834. */
  readonly automatic: boolean;
  /** Part of the customer-facing thread: its wire Message-ID leads replies back to the case. */
  readonly customerFacing: boolean;
  readonly attachments: readonly AttachmentRecord[];
  /** A person's words in this message, filed for the case's transcript. */
  readonly words?: string;
  /** Which language's templates render it (see draft-language.ts); absent: FALLBACK_LANGUAGE. */
  readonly language?: LanguageCode;
  /** The queue's own template folder (templates/queues/<folder>/), looked in first; absent: the shared templates. */
  readonly templates?: string;
}

/** Most Message-IDs we carry in References; RFC 5322 allows trimming the middle of a long chain. */
export const MAX_REFERENCES = 20;

/** References for a reply to `parent`: its own chain, then its Message-ID (RFC 5322 §3.6.4). */
export function referencesForReply(parent: { messageId?: string; references: readonly string[] }): string[] {
  return boundedReferences([...parent.references, ...(parent.messageId === undefined ? [] : [parent.messageId])]);
}

/** A References chain without repeats, keeping the first id and the latest ones. */
export function boundedReferences(chain: readonly string[]): string[] {
  const unique = [...new Set(chain)];
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0] as string, ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

/** How SES writes the Message-ID of a message it sends: `<id@region.amazonses.com>`. */
export function sesWireMessageId(sesMessageId: string, region: string): string {
  const host = region === 'us-east-1' ? 'email' : region;
  return `<${sesMessageId}@${host}.amazonses.com>`;
}
