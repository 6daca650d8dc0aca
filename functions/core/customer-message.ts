import { caseSummary } from './agent-notification.ts';
import { greetingName } from './acknowledgement.ts';
import { findAgent, type Team } from './agents.ts';
import type { OutboundDraft, TemplateData, TemplateName } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { AttachmentRecord, MailAddress, MessageKind, SupportCase } from './support-case.ts';

/** The agent a customer-facing message speaks for. */
export interface Speaker {
  readonly name: string;
  readonly agentId: string;
}

/** Who speaks for a case nobody is assigned to: the team, under the support name (ratings count for "team"). */
export const TEAM_SPEAKER_ID = 'team';

/** The case's assignee, or the team when nobody is assigned. */
export function speakerFor(supportCase: SupportCase, team: Team, supportName: string): Speaker {
  const assignee = supportCase.assignee === undefined ? undefined : findAgent(team, supportCase.assignee);
  return assignee === undefined
    ? { name: supportName, agentId: TEAM_SPEAKER_ID }
    : { name: assignee.name, agentId: assignee.agentId };
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
  const cc = supportCase.participants
    .filter((p) => p !== requester?.address.toLowerCase())
    .map((address) => ({ address }));
  const primary = requester?.address ?? supportCase.participants[0] ?? '';
  return {
    kind: input.kind,
    caseNumber: supportCase.caseNumber,
    fromName: speaker.agentId === TEAM_SPEAKER_ID ? input.supportName : `${speaker.name} (${input.supportName})`,
    to: to.length > 0 ? to : cc.slice(0, 1),
    cc: to.length > 0 ? cc : cc.slice(1),
    replyTo: input.replyAddresses.forCustomer(supportCase.caseNumber, primary),
    template: input.template,
    data: {
      ...caseSummary(supportCase),
      greetingName: requester === undefined ? '' : greetingName(requester),
      agentName: speaker.name,
      agentId: speaker.agentId === TEAM_SPEAKER_ID ? '' : speaker.agentId,
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

/** Our last words to the customer in a transcript, and the same as a quoted block for a text part. */
export function lastWordsFromUs(entries: readonly { readonly fromUs: boolean; readonly words: string }[]): {
  lastWords: string;
  lastWordsQuoted: string;
} {
  const lastWords = [...entries].reverse().find((e) => e.fromUs)?.words ?? '';
  return {
    lastWords,
    lastWordsQuoted: lastWords
      .split('\n')
      .map((line) => `> ${line}`.trimEnd())
      .join('\n'),
  };
}
