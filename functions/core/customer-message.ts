import { caseSummary } from './agent-notification.ts';
import { greetingName } from './acknowledgement.ts';
import type { OutboundDraft, TemplateData, TemplateName } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { AttachmentRecord, MailAddress, MessageKind, SupportCase } from './support-case.ts';

/** The agent a customer-facing message speaks for. */
export interface Speaker {
  readonly name: string;
  readonly agentId: string;
}

/**
 * A message to the customer side of a case, in the case's thread, from the support address under
 * the agent's name: to the requester, copying everyone else who takes part, with a Reply-To signed
 * for the requester so their answer finds the case even without References.
 */
export function draftToCustomer(input: {
  readonly supportCase: SupportCase;
  readonly speaker: Speaker;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  readonly kind: MessageKind;
  readonly template: TemplateName;
  readonly data: TemplateData;
  /** The person's words filed for the transcript. */
  readonly words: string;
  readonly automatic: boolean;
  readonly attachments?: readonly AttachmentRecord[];
}): OutboundDraft {
  const { supportCase, speaker } = input;
  const requester = supportCase.requester;
  const to: MailAddress[] = requester === undefined ? [] : [requester];
  const cc = supportCase.participants.filter((p) => p !== requester?.address.toLowerCase()).map((address) => ({ address }));
  const primary = requester?.address ?? supportCase.participants[0] ?? '';
  return {
    kind: input.kind,
    caseNumber: supportCase.caseNumber,
    fromName: `${speaker.name} (${input.supportName})`,
    to: to.length > 0 ? to : cc.slice(0, 1),
    cc: to.length > 0 ? cc : cc.slice(1),
    replyTo: input.replyAddresses.forCustomer(supportCase.caseNumber, primary),
    template: input.template,
    data: {
      ...caseSummary(supportCase),
      greetingName: requester === undefined ? 'there' : greetingName(requester),
      agentName: speaker.name,
      agentId: speaker.agentId,
      supportName: input.supportName,
      ...input.data,
    },
    ...(supportCase.lastCustomerMessageId === undefined ? {} : { inReplyTo: supportCase.lastCustomerMessageId }),
    references: supportCase.threadReferences,
    automatic: input.automatic,
    customerFacing: true,
    attachments: input.attachments ?? [],
    ...(input.words === '' ? {} : { words: input.words }),
  };
}

/** Whether a case has anyone on the customer side to write to. */
export function hasCustomer(supportCase: SupportCase): boolean {
  return supportCase.requester !== undefined || supportCase.participants.length > 0;
}
