import { DEFAULT_QUEUE_ID } from './queues.ts';
import { createHash } from 'node:crypto';
import { cleanSubject } from './case-subject.ts';
import { describePerson, historyEntry } from './history.ts';
import type { SenderSource } from './sender-source.ts';
import { boundedWords } from './transcript.ts';
import { referencesForReply } from './outbound-draft.ts';
import type {
  AttachmentRecord,
  CaseFlag,
  CaseMessage,
  MailAddress,
  MailHeaderFacts,
  MessageKind,
  SupportCase,
} from './support-case.ts';

/** The start of a body kept in the case item; the whole text lives in S3 (items stop at 400 KB). */
export const MAX_TEXT_SUMMARY_CHARS = 4000;
/** Most addresses kept per header; a mail to thousands is a list, not a conversation. */
const MAX_ADDRESSES_PER_FIELD = 100;

/** The mail as the core needs it to open a case. */
export interface InboundMailFacts extends MailHeaderFacts {
  readonly sesMessageId: string;
  readonly rawKey: string;
  readonly receivedAt: string;
  /** The text without quoted earlier messages and signature; the whole text is kept too. */
  readonly replyText?: string;
  /** Where `from` was read: From, or a stand-in when the mail had no usable From. */
  readonly senderSource?: SenderSource;
  /** The Content-Language header, if any: a new case's language when it names one (case-language.ts). */
  readonly contentLanguage?: string;
}

export interface StoredContent {
  readonly textKey?: string;
  readonly htmlKey?: string;
  readonly attachments: readonly AttachmentRecord[];
}

/** What the customer wrote in a mail: the new words when quote stripping found them, else the whole text. */
export function wordsOf(mail: Pick<InboundMailFacts, 'replyText' | 'text'>): string {
  return mail.replyText ?? mail.text ?? '';
}

/**
 * Identifies "the same mail" across retries and across receipts: the sender's Message-ID (scoped to
 * the sender, so a stranger reusing someone's Message-ID cannot suppress their mail), or the SES
 * receipt id when the message has no Message-ID.
 */
export function intakeKeyFor(mail: { sesMessageId: string; messageId?: string; from?: MailAddress }): string {
  if (mail.messageId === undefined) return `ses:${mail.sesMessageId}`;
  const digest = createHash('sha256')
    .update(`${mail.from?.address ?? ''}\n${mail.messageId}`)
    .digest('base64url');
  return `mid:${digest}`;
}

/** A new case for a first mail: status `new`, normal priority, the sender as requester. */
export function newCase(input: {
  caseId: string;
  caseNumber: number;
  mail: InboundMailFacts;
  flags: readonly CaseFlag[];
  /** The customer side the mail admits (see admitParticipants): its sender, and whom it copies when trusted. */
  participants: readonly string[];
  /** The solved case this mail follows up on, when it came too late to reopen it. */
  previousCase?: number;
  /** The language its customer is written to in (see decideCaseLanguage); none: its queue's. */
  language?: string;
  /** Its queue; a case of the default queue keeps none, as every case from before queues. */
  queue?: string;
}): SupportCase {
  const { mail } = input;
  return {
    caseId: input.caseId,
    caseNumber: input.caseNumber,
    version: 1,
    subject: cleanSubject(mail.subject),
    ...(mail.from === undefined ? {} : { requester: mail.from }),
    participants: input.participants,
    status: 'new',
    priority: 'normal',
    flags: [...input.flags],
    createdAt: mail.receivedAt,
    updatedAt: mail.receivedAt,
    awaitingAnswerSince: mail.receivedAt,
    ...(mail.messageId === undefined ? {} : { lastCustomerMessageId: mail.messageId }),
    threadReferences: referencesForReply(mail),
    recent: [historyEntry(mail.receivedAt, 'customer', describePerson(mail.from), wordsOf(mail))],
    ...(input.previousCase === undefined ? {} : { previousCase: input.previousCase }),
    ...(input.language === undefined ? {} : { language: input.language }),
    ...(input.queue === undefined || input.queue === DEFAULT_QUEUE_ID ? {} : { queue: input.queue }),
  };
}

/** A received message as filed in its case (a customer's, or an agent's answer or note). */
export function inboundMessage(
  caseNumber: number,
  messageKey: string,
  mail: InboundMailFacts,
  content: StoredContent,
  kind: MessageKind = 'customer',
): CaseMessage {
  return {
    caseNumber,
    messageKey,
    direction: 'inbound',
    kind,
    ...(mail.from === undefined ? {} : { from: mail.from }),
    to: mail.to.slice(0, MAX_ADDRESSES_PER_FIELD),
    cc: mail.cc.slice(0, MAX_ADDRESSES_PER_FIELD),
    subject: cleanSubject(mail.subject),
    date: mail.date ?? mail.receivedAt,
    ...(mail.dateOffsetMinutes === undefined ? {} : { dateOffsetMinutes: mail.dateOffsetMinutes }),
    sesMessageId: mail.sesMessageId,
    ...(mail.messageId === undefined ? {} : { messageId: mail.messageId }),
    ...(mail.inReplyTo === undefined ? {} : { inReplyTo: mail.inReplyTo }),
    references: mail.references.slice(-MAX_ADDRESSES_PER_FIELD),
    rawKey: mail.rawKey,
    textSummary: (mail.text ?? '').slice(0, MAX_TEXT_SUMMARY_CHARS),
    words: boundedWords(wordsOf(mail)),
    ...content,
  };
}

/** Addresses on the customer side of a mail: sender and copies, minus our own domains (every queue's) and `exclude`. */
export function customerSideAddresses(
  mail: Pick<InboundMailFacts, 'from' | 'cc'>,
  ownDomains: readonly string[],
  exclude: readonly string[] = [],
): string[] {
  const skip = new Set(exclude.map((e) => e.toLowerCase()));
  const addresses = [mail.from, ...mail.cc]
    .filter((a): a is MailAddress => a !== undefined && !ownDomains.some((d) => isOwnAddress(a.address, d)))
    .map((a) => a.address.toLowerCase())
    .filter((a) => !skip.has(a));
  return [...new Set(addresses)].slice(0, MAX_ADDRESSES_PER_FIELD);
}

export function isOwnAddress(address: string, ownDomain: string): boolean {
  return address.toLowerCase().endsWith(`@${ownDomain.toLowerCase()}`);
}
