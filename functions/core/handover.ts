import { COMMAND_HELP } from './agent-commands.ts';
import { caseSummary, MAX_NOTIFIED_WORDS } from './agent-notification.ts';
import type { AgentMailContext } from './agent-reply-mail.ts';
import { findAgent, type Agent, type Team } from './agents.ts';
import type { Transcript } from './closing-message.ts';
import { historyLines } from './history-lines.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { SupportCase } from './support-case.ts';
import { visibleText } from './visible-text.ts';

/**
 * Handovers are heard: when a reply's commands (`#assign`, `#take`, `#escalate`) move a case to
 * someone, the new holder gets the case at once, and the one who held it is told who has it now.
 */

/** Whom a change of assignee should tell, by agent ID; either may be absent. */
export interface Handover {
  /** Gets the case: the customer's words, the history and a reply address. */
  readonly newAssignee?: string;
  /** Told who has the case now. */
  readonly previousAssignee?: string;
}

/**
 * Who hears of a change of assignee made by `actor`. Nobody, when the case stays with whoever held
 * it (taking a case that is already yours), or when an agent takes a case nobody held (they know).
 * The new holder is mailed when someone else gave them the case, or when they took it from a
 * colleague (their copy of the case, with its history, to work from); the previous holder is told,
 * unless they made the change themselves. `escalated`: the escalation mail already carries the case
 * to the supervisor, so no second mail goes to them.
 */
export function handoverOf(before: SupportCase, after: SupportCase, actor: Agent, escalated: boolean): Handover {
  const previous = before.assignee;
  const next = after.assignee;
  if (next === previous) return {};
  const tookFromColleague = next === actor.agentId && previous !== undefined;
  const mailNew = next !== undefined && !escalated && (next !== actor.agentId || tookFromColleague);
  const tellPrevious = previous !== undefined && previous !== actor.agentId;
  return {
    ...(mailNew ? { newAssignee: next } : {}),
    ...(tellPrevious ? { previousAssignee: previous } : {}),
  };
}

/** What drafting a handover needs beyond the agent's mail context. */
export interface HandoverInput extends AgentMailContext {
  readonly team: Team;
  /** The case's public conversation, for the customer's latest words (read for every handover command). */
  readonly transcript?: Transcript;
}

/** The mails a change of assignee sends (see handoverOf): `handover` to the new holder, `handedOver` to the previous one. */
export function draftHandovers(
  before: SupportCase,
  after: SupportCase,
  input: HandoverInput,
  escalated: boolean,
): Record<string, OutboundDraft> {
  const { newAssignee, previousAssignee } = handoverOf(before, after, input.agent, escalated);
  const holder = after.assignee === undefined ? undefined : findAgent(input.team, after.assignee);
  const previous = previousAssignee === undefined ? undefined : findAgent(input.team, previousAssignee);
  const drafts: Record<string, OutboundDraft> = {};
  const taken = newAssignee === undefined ? undefined : findAgent(input.team, newAssignee);
  if (taken !== undefined) drafts.handover = draftHandover(after, input, taken, before.assignee);
  if (previous !== undefined && holder !== undefined)
    drafts.handedOver = draftHandedOver(after, input, previous, holder, escalated);
  return drafts;
}

/** The customer's latest words on the case, in full from the conversation, else the start kept in its history. */
export function latestCustomerWords(supportCase: SupportCase, transcript: Transcript | undefined): string {
  const fromConversation = [...(transcript?.entries ?? [])].reverse().find((e) => !e.fromUs)?.words;
  const fromHistory = [...supportCase.recent].reverse().find((h) => h.kind === 'customer')?.snippet;
  const words = visibleText(fromConversation ?? fromHistory ?? '');
  // Cut as a notification cuts it; the whole message is in the case.
  return words.length > MAX_NOTIFIED_WORDS ? `${words.slice(0, MAX_NOTIFIED_WORDS)}\n[…]` : words || '(no text)';
}

function draftHandover(
  supportCase: SupportCase,
  input: HandoverInput,
  to: Agent,
  previousId: string | undefined,
): OutboundDraft {
  // The one who gave the case away needs no "it was with you".
  const previous =
    previousId === undefined || previousId === input.agent.agentId ? undefined : findAgent(input.team, previousId);
  return {
    ...teamMail(supportCase, input, to),
    template: 'handover',
    data: {
      ...caseSummary(supportCase),
      assigneeName: to.name,
      byName: input.agent.name,
      byId: input.agent.agentId,
      tookIt: to.agentId === input.agent.agentId,
      previous: previous === undefined ? '' : `${previous.name} (${previous.agentId})`,
      words: latestCustomerWords(supportCase, input.transcript),
      history: historyLines(supportCase.recent, input.timeZone),
      commandHelp: COMMAND_HELP,
    },
    // The customer's files join it with withCustomerFiles (team-mails.ts).
    attachments: [],
  };
}

function draftHandedOver(
  supportCase: SupportCase,
  input: HandoverInput,
  to: Agent,
  holder: Agent,
  escalated: boolean,
): OutboundDraft {
  return {
    ...teamMail(supportCase, input, to),
    template: 'handed-over',
    data: {
      ...caseSummary(supportCase),
      previousName: to.name,
      byName: input.agent.name,
      byId: input.agent.agentId,
      holderName: holder.name,
      holderId: holder.agentId,
      tookIt: holder.agentId === input.agent.agentId,
      escalated,
    },
  };
}

/** A mail about the case to one person on the team, with the agents' signed reply address. */
function teamMail(supportCase: SupportCase, input: HandoverInput, to: Agent): Omit<OutboundDraft, 'template' | 'data'> {
  return {
    kind: 'agent-notice',
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [{ address: to.email, name: to.name }],
    cc: [],
    replyTo: input.replyAddresses.forAgents(supportCase.caseNumber),
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}
