import type { MailAddress, MessageKind } from './support-case.ts';

/** Templates we render: each has `<name>.subject.hbs`, `<name>.text.hbs` and `<name>.html.hbs`. */
export type TemplateName = 'acknowledgement';

/** A message the core wants sent; the mail layer renders and composes it. */
export interface OutboundDraft {
  readonly kind: MessageKind;
  readonly to: readonly MailAddress[];
  readonly template: TemplateName;
  readonly data: Readonly<Record<string, string | number | boolean>>;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** Sent by the pipeline on its own (not a person's words): marked per RFC 3834. */
  readonly automatic: boolean;
}

/** Most Message-IDs we carry in References; RFC 5322 allows trimming the middle of a long chain. */
const MAX_REFERENCES = 20;

/** References for a reply to `parent`: its own chain, then its Message-ID (RFC 5322 §3.6.4). */
export function referencesForReply(parent: { messageId?: string; references: readonly string[] }): string[] {
  const chain = [...parent.references, ...(parent.messageId === undefined ? [] : [parent.messageId])];
  const unique = [...new Set(chain)];
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0] as string, ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

/** How SES writes the Message-ID of a message it sends: `<id@region.amazonses.com>`. */
export function sesWireMessageId(sesMessageId: string, region: string): string {
  const host = region === 'us-east-1' ? 'email' : region;
  return `<${sesMessageId}@${host}.amazonses.com>`;
}
