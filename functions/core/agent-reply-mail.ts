import { COMMAND_HELP } from './agent-commands.ts';
import { caseSummary } from './agent-notification.ts';
import type { Agent } from './agents.ts';
import type { Transcript } from './closing-message.ts';
import { draftToCustomer } from './customer-message.ts';
import { historyLines } from './history-lines.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { AttachmentRecord, MailAddress, SupportCase } from './support-case.ts';
import { transcriptData } from './transcript.ts';

/** The mail an agent's reply makes (to the customer, to engineering or the supervisor, back to the agent) is drafted with this. */
export interface AgentMailContext {
  readonly supportCase: SupportCase;
  readonly agent: Agent;
  readonly attachments: readonly AttachmentRecord[];
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  /** The queue's business time zone: every time an agent reads is on its clock. */
  readonly timeZone: string;
}

/** The agent's answer (or, for a bare `#transcript`, the conversation) to the customer side, in the agent's name. */
export function draftCustomerAnswer(
  supportCase: SupportCase,
  answer: string,
  input: AgentMailContext,
  transcript: Transcript | undefined,
): OutboundDraft {
  const words = answer || `Here is our whole conversation on case #${supportCase.caseNumber} so far.`;
  return draftToCustomer({
    supportCase,
    speaker: input.agent,
    supportName: input.supportName,
    replyAddresses: input.replyAddresses,
    kind: answer === '' ? 'transcript' : 'agent-reply',
    template: 'agent-reply',
    data: { answer: words, ...transcriptData(transcript ?? { entries: [], omitted: 0 }) },
    words: answer,
    automatic: false,
    attachments: input.attachments,
  });
}

/** A message about the case to someone on the team (the supervisor, engineering), with its recent history. */
export function internalDraft(
  supportCase: SupportCase,
  input: AgentMailContext,
  template: 'escalation' | 'bug-report',
  to: MailAddress,
  extra: Record<string, string>,
): OutboundDraft {
  return {
    kind: template,
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [to],
    cc: [],
    replyTo: input.replyAddresses.forAgents(supportCase.caseNumber),
    template,
    data: {
      ...caseSummary(supportCase),
      ...extra,
      agentName: input.agent.name,
      agentId: input.agent.agentId,
      history: historyLines(supportCase.recent, input.timeZone),
    },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}

/** Tells the agent which commands could not run, how to write them, and what they wrote (nothing of it was sent). */
export function draftCommandProblem(
  input: AgentMailContext,
  problems: readonly string[],
  written: string,
): OutboundDraft {
  return {
    ...internalDraft(
      input.supportCase,
      input,
      'escalation',
      { address: input.agent.email, name: input.agent.name },
      {},
    ),
    kind: 'agent-notice',
    template: 'command-problem',
    data: {
      ...caseSummary(input.supportCase),
      agentName: input.agent.name,
      problems: problems.map((problem) => ({ problem })),
      // Quoted back whole, so the agent copies it instead of typing it again.
      unsent: written.trim(),
      commandHelp: COMMAND_HELP,
    },
  };
}
