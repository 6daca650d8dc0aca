import type { AcknowledgementTimes } from './acknowledgement-times.ts';
import { cleanSubject, formatCaseTag } from './case-subject.ts';
import { describeDuration } from './customer-words.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { MailAddress, SupportCase } from './support-case.ts';

export interface AcknowledgementInput {
  readonly supportCase: SupportCase;
  readonly requester: MailAddress;
  readonly supportName: string;
  /** The case's first-response target, in business hours. */
  readonly firstResponseHours: number;
  /** When the answer is due and when we work, in words (acknowledgementTimes). */
  readonly times: AcknowledgementTimes;
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
      firstResponse: describeDuration(input.firstResponseHours, 'business ', supportCase.language),
      answerDue: input.times.answerDue,
      businessHoursWords: input.times.businessHoursWords,
      supportName: input.supportName,
      previousCase: supportCase.previousCase ?? 0,
    },
    ...(supportCase.lastCustomerMessageId === undefined ? {} : { inReplyTo: supportCase.lastCustomerMessageId }),
    references: supportCase.threadReferences,
    automatic: true,
    customerFacing: true,
    attachments: [],
  };
}

/**
 * "Ana" from "Ana Souza" or "Souza, Ana"; empty when the name is missing or looks like an address,
 * so each language's template greets in its own words ("Hi there," / "Guten Tag,").
 */
export function greetingName(person: MailAddress): string {
  const name = (person.name ?? '').replace(/["<>]/g, '').trim();
  if (name === '' || name.includes('@')) return '';
  const ordered = name.includes(',') ? (name.split(',')[1] ?? '').trim() : name;
  return ordered.split(/\s+/)[0] ?? '';
}
