import { COMMAND_HELP } from './agent-commands.ts';
import { NO_CASE_FILES } from './case-files.ts';
import { findAgent, supervisorOnDuty, type Agent, type Team } from './agents.ts';
import { cleanSubject, formatCaseTag } from './case-subject.ts';
import { describePerson } from './history.ts';
import { historyLines } from './history-lines.ts';
import type { OutboundDraft, TemplateData, TemplateName, TemplateRecord } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import { MAX_CASE_PARTICIPANTS, type ParticipantChange } from './participants.ts';
import { recipientsOf, splitRecipients } from './suppression.ts';
import type { MailAddress, SupportCase } from './support-case.ts';
import { visibleText } from './visible-text.ts';

/** Longest customer text quoted in a notification; the whole message is in the case. */
export const MAX_NOTIFIED_WORDS = 8000;

interface NotifyInput {
  readonly supportCase: SupportCase;
  readonly team: Team;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  /** The queue's business time zone: every time an agent reads is on its clock. */
  readonly timeZone: string;
}

/** Tells the assignee (or the team, when nobody is assigned) what the customer just wrote. */
export function draftAgentNotification(
  input: NotifyInput & {
    readonly event: 'new-case' | 'customer-reply';
    readonly from?: MailAddress;
    readonly words: string;
    /** The reply opened a solved case again. */
    readonly reopened?: boolean;
    /** Who the mail brought into the conversation, and whom it copied without letting them in. */
    readonly participants?: Pick<ParticipantChange, 'added' | 'notAdded' | 'overLimit'>;
    /** Plain lines about the sender (taken from a fallback header, takes no replies); see `senderNotes`. */
    readonly senderNotes?: readonly string[];
  },
): OutboundDraft {
  const { supportCase, team } = input;
  const assignee = supportCase.assignee === undefined ? undefined : findAgent(team, supportCase.assignee);
  const to: MailAddress =
    assignee === undefined ? { address: team.teamAddress } : { address: assignee.email, name: assignee.name };
  // The reply text may come from an HTML body, which the parser's text cleaning never saw.
  const words = visibleText(input.words);
  return {
    kind: 'agent-notification',
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [to],
    cc: [],
    replyTo: input.replyAddresses.forAgents(supportCase.caseNumber),
    template: 'agent-notification',
    data: {
      ...caseSummary(supportCase),
      isNewCase: input.event === 'new-case',
      reopened: input.reopened ?? false,
      previousCase: supportCase.previousCase ?? 0,
      customer: describePerson(input.from),
      participantsAdded: input.participants?.added.join(', ') ?? '',
      participantsNotAdded: input.participants?.notAdded.join(', ') ?? '',
      participantsOverLimit: input.participants?.overLimit?.join(', ') ?? '',
      maxParticipants: MAX_CASE_PARTICIPANTS,
      senderNote: (input.senderNotes ?? []).join('\n'),
      words: words.length > MAX_NOTIFIED_WORDS ? `${words.slice(0, MAX_NOTIFIED_WORDS)}\n[…]` : words || '(no text)',
      assignedTo:
        assignee === undefined ? 'nobody yet (reply with #take to take it)' : `${assignee.name} (${assignee.agentId})`,
      history: historyLines(supportCase.recent.slice(0, -1), input.timeZone),
      commandHelp: COMMAND_HELP,
      ...NO_CASE_FILES,
    },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}

/** Tells the assignee (or the team) that our mail on the case could not be delivered. */
export function draftBounceNotice(
  input: NotifyInput & { readonly recipients: readonly string[]; readonly status: string; readonly permanent: boolean },
): OutboundDraft {
  const notification = draftAgentNotification({ ...input, event: 'customer-reply', words: '' });
  return {
    ...notification,
    kind: 'agent-notice',
    template: 'bounce-notice',
    data: {
      ...caseSummary(input.supportCase),
      recipients: input.recipients.join(', ') || 'an unknown recipient',
      deliveryStatus: input.status,
      permanent: input.permanent,
    },
  };
}

/**
 * Tells the agent who wrote it (else the assignee, or the team) that what a person wrote to the
 * customer went to nobody: every address it was for is suppressed (`suppressed` maps an address to
 * why). Undefined when every such draft still reaches someone; automatic mail (acknowledgements,
 * nudges) is withheld quietly.
 */
export function draftWithheldAnswerNotice(
  input: NotifyInput & {
    readonly drafts: Readonly<Record<string, OutboundDraft>>;
    readonly suppressed: Readonly<Record<string, string>>;
    readonly author?: Agent;
  },
): OutboundDraft | undefined {
  const withheld = Object.values(input.drafts).filter(
    (d) => d.customerFacing && !d.automatic && splitRecipients(d, input.suppressed).deliver.length === 0,
  );
  if (withheld.length === 0) return undefined;
  const addresses = recipientsOf(withheld);
  const notification = draftAgentNotification({ ...input, event: 'customer-reply', words: '' });
  return {
    ...notification,
    ...(input.author === undefined ? {} : { to: [{ address: input.author.email, name: input.author.name }] }),
    kind: 'agent-notice',
    template: 'answer-withheld',
    data: {
      ...caseSummary(input.supportCase),
      recipients: addressesInBrief(addresses),
      withheld: addresses.map(
        (address): TemplateRecord => ({ address, reason: input.suppressed[address] ?? 'suppressed' }),
      ),
      words: withheld
        .map((d) => d.words ?? '')
        .filter(Boolean)
        .join('\n\n'),
    },
  };
}

/** Addresses for a subject line: all of a few; of a crowd, the first two and how many more (the body lists each). */
function addressesInBrief(addresses: readonly string[]): string {
  return addresses.length <= 3
    ? addresses.join(', ')
    : `${addresses.slice(0, 2).join(', ')} and ${addresses.length - 2} more`;
}

/** Tells the supervisor on duty that someone sent mail in an agent's name that failed authentication. */
export function draftSpoofedAgentAlert(
  input: NotifyInput & { readonly claimedAgent: string; readonly verdicts: string; readonly at: Date },
): OutboundDraft {
  const supervisor = supervisorOnDuty(input.team, input.at);
  return {
    kind: 'agent-notice',
    caseNumber: input.supportCase.caseNumber,
    fromName: input.supportName,
    to: [{ address: supervisor.email, name: supervisor.name }],
    cc: [],
    replyTo: input.replyAddresses.forAgents(input.supportCase.caseNumber),
    template: 'spoofed-agent',
    data: {
      ...caseSummary(input.supportCase),
      claimedAgent: input.claimedAgent,
      verdicts: input.verdicts,
      supervisorName: supervisor.name,
    },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}

export function caseSummary(supportCase: SupportCase): Record<string, string | number> {
  return {
    caseNumber: supportCase.caseNumber,
    caseTag: formatCaseTag(supportCase.caseNumber),
    subject: cleanSubject(supportCase.subject),
    status: supportCase.status,
    priority: supportCase.priority,
    requester: describePerson(supportCase.requester),
  };
}

/**
 * A mail to a person of the team about a case, as every agent notice is: automatic, internal, and
 * a reply to it runs commands on the case (its Reply-To is the agents' address).
 */
export function agentNotice(
  supportCase: SupportCase,
  input: { readonly supportName: string; readonly replyAddresses: ReplyAddresses },
  template: TemplateName,
  to: MailAddress,
  data: TemplateData,
): OutboundDraft {
  return {
    kind: 'agent-notice',
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [to],
    cc: [],
    replyTo: input.replyAddresses.forAgents(supportCase.caseNumber),
    template,
    data: { ...caseSummary(supportCase), ...data },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}
