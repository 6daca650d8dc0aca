import { cleanSubject, formatCaseTag } from './case-subject.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { MailAddress, SupportCase } from './support-case.ts';

export interface AcknowledgementInput {
  readonly supportCase: SupportCase;
  readonly requester: MailAddress;
  readonly supportName: string;
  readonly firstResponseHours: number;
  readonly replyAddresses: ReplyAddresses;
}

/** The note that tells a customer we have their mail, which number to quote and when to expect us. */
export function draftAcknowledgement(input: AcknowledgementInput): OutboundDraft {
  const { supportCase, requester } = input;
  return {
    kind: 'acknowledgement',
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [requester],
    cc: [],
    replyTo: input.replyAddresses.forCustomer(supportCase.caseNumber, requester.address),
    template: 'acknowledgement',
    data: {
      greetingName: greetingName(requester),
      caseNumber: supportCase.caseNumber,
      caseTag: formatCaseTag(supportCase.caseNumber),
      subject: cleanSubject(supportCase.subject),
      firstResponse: describeDuration(input.firstResponseHours),
      supportName: input.supportName,
    },
    ...(supportCase.lastCustomerMessageId === undefined ? {} : { inReplyTo: supportCase.lastCustomerMessageId }),
    references: supportCase.threadReferences,
    automatic: true,
    customerFacing: true,
    attachments: [],
  };
}

/** "Ana" from "Ana Souza" or "Souza, Ana"; "there" when the name is missing or looks like an address. */
export function greetingName(person: MailAddress): string {
  const name = (person.name ?? '').replace(/["<>]/g, '').trim();
  if (name === '' || name.includes('@')) return 'there';
  const ordered = name.includes(',') ? (name.split(',')[1] ?? '').trim() : name;
  return ordered.split(/\s+/)[0] || 'there';
}

/** A target in words a customer reads at a glance: "30 minutes", "4 hours", "2 days". */
export function describeDuration(hours: number): string {
  if (hours < 1) {
    const minutes = Math.max(1, Math.round(hours * 60));
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  if (hours < 48 || hours % 24 !== 0) {
    const rounded = Math.round(hours * 10) / 10;
    return rounded === 1 ? '1 hour' : `${rounded} hours`;
  }
  const days = hours / 24;
  return days === 1 ? '1 day' : `${days} days`;
}
