import type { AgentCommand, ParsedCommands } from './agent-commands.ts';
import { draftCommandProblem, draftCustomerAnswer, internalDraft, type AgentMailContext } from './agent-reply-mail.ts';
import { findAgent, supervisorOnDuty, type Agent, type Team } from './agents.ts';
import { withStatus } from './case-status.ts';
import { commandProblems } from './command-checks.ts';
import { draftClosingMessage, type Transcript } from './closing-message.ts';
import { hasCustomer } from './customer-message.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { SurveyLinkFactory } from './survey-token.ts';
import type { MessageKind, SupportCase } from './support-case.ts';

/** What an agent's reply is planned from: the case, the agent, their parsed reply, and what drafting mail needs. */
export interface AgentReplyInput extends AgentMailContext {
  readonly team: Team;
  /** The agent's words (quoted notification and signature stripped), parsed once per mail with parseAgentCommands. */
  readonly commands: ParsedCommands;
  readonly receivedAt: string;
  readonly survey: SurveyLinkFactory;
  readonly timeZone: string;
  /** The case's public conversation so far: read when the reply says `#solve` or `#transcript` (see needsTranscript). */
  readonly transcript?: Transcript;
}

export interface AgentReplyPlan {
  /** The case after the reply; unchanged when a command could not be understood. */
  readonly supportCase: SupportCase;
  /** How the agent's mail is filed: a public answer, or internal. */
  readonly messageKind: MessageKind;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
  readonly problems: readonly string[];
}

/** What an agent's reply does: commands first, then the answer (if any) goes to the customer. */
export function planAgentReply(input: AgentReplyInput): AgentReplyPlan {
  const { agent, team } = input;
  const parsed = input.commands;
  const problems = [...parsed.problems, ...commandProblems(parsed.commands, team, input.supportCase)];
  if (problems.length > 0) {
    // Nothing runs and the customer hears nothing: a half-applied reply is worse than none.
    return {
      supportCase: input.supportCase,
      messageKind: 'note',
      problems,
      drafts: { explanation: draftCommandProblem(input, problems) },
    };
  }
  const isNote = parsed.commands.some((c) => c.name === 'note');
  const answer = isNote ? '' : parsed.body;
  const has = (name: AgentCommand['name']) => parsed.commands.some((c) => c.name === name);
  let next: SupportCase = {
    ...input.supportCase,
    version: nextVersion(input.supportCase),
    updatedAt: input.receivedAt,
  };
  const drafts: Record<string, OutboundDraft> = {};
  for (const command of parsed.commands) next = applyCommand(next, command, input, drafts);
  if (answer !== '') next = answered(next, agent, input.receivedAt, has('pending') || has('solve') || has('open'));
  const transcript = input.transcript ?? { entries: [], omitted: 0 };
  const speaker = { name: agent.name, agentId: agent.agentId };
  if (closesCase(input.supportCase, next)) {
    // One mail, not two: the answer that solves the case opens its closing message.
    drafts.closing = draftClosingMessage({
      supportCase: next,
      speaker,
      answer,
      attachments: input.attachments,
      transcript,
      supportName: input.supportName,
      replyAddresses: input.replyAddresses,
      survey: input.survey,
      timeZone: input.timeZone,
    });
  } else if (answer !== '' || (has('transcript') && hasCustomer(next))) {
    drafts.reply = draftCustomerAnswer(next, answer, input, has('transcript') ? transcript : undefined);
  }
  const kind: MessageKind = answer === '' ? 'note' : 'agent-reply';
  const noteText = isNote
    ? [...parsed.commands.flatMap((c) => (c.name === 'note' && c.text ? [c.text] : [])), parsed.body].join('\n').trim()
    : parsed.body;
  next = {
    ...next,
    recent: withHistory(
      next.recent,
      historyEntry(
        input.receivedAt,
        kind,
        `${agent.name} (${agent.agentId})`,
        noteText || commandSummary(parsed.commands),
      ),
    ),
  };
  return { supportCase: next, messageKind: kind, drafts, problems: [] };
}

function applyCommand(
  current: SupportCase,
  command: AgentCommand,
  input: AgentReplyInput,
  drafts: Record<string, OutboundDraft>,
): SupportCase {
  switch (command.name) {
    case 'note':
    case 'transcript':
      return current;
    case 'pending':
      return withStatus(current, 'pending', input.receivedAt);
    case 'open':
      return withStatus(current, 'open', input.receivedAt);
    case 'solve':
      return { ...withStatus(current, 'solved', input.receivedAt), solvedBy: input.agent.agentId };
    case 'take':
      return { ...current, assignee: input.agent.agentId };
    case 'assign':
      return { ...current, assignee: (findAgent(input.team, command.agent) as Agent).agentId };
    case 'priority':
      return { ...current, priority: command.priority };
    case 'cc':
      return { ...current, participants: [...new Set([...current.participants, command.address])] };
    case 'escalate': {
      const supervisor = supervisorOnDuty(input.team);
      drafts.escalation = internalDraft(
        current,
        input,
        'escalation',
        { address: supervisor.email, name: supervisor.name },
        { reason: command.reason, supervisorName: supervisor.name },
      );
      return { ...current, assignee: supervisor.agentId };
    }
    case 'bug':
      drafts.bug = internalDraft(
        current,
        input,
        'bug-report',
        { address: input.team.engineeringAddress },
        { summary: command.summary, caseLink: `mailto:${input.replyAddresses.forAgents(current.caseNumber)}` },
      );
      return current;
  }
}

/**
 * A case once an agent's answer went to the customer: nothing awaits an answer, the first response
 * is taken if it was not, the agent holds it if nobody did, and it is open unless a command set it.
 */
function answered(supportCase: SupportCase, agent: Agent, at: string, statusSet: boolean): SupportCase {
  const { awaitingAnswerSince: _answered, ...rest } = statusSet ? supportCase : withStatus(supportCase, 'open', at);
  return {
    ...rest,
    ...(supportCase.firstResponseAt === undefined ? { firstResponseAt: at, firstResponseBy: agent.agentId } : {}),
    ...(supportCase.assignee === undefined ? { assignee: agent.agentId } : {}),
  };
}

/** A case an agent just solved gets a closing message, unless nobody can be written to or it is junk. */
function closesCase(before: SupportCase, after: SupportCase): boolean {
  return (
    before.status !== 'solved' &&
    after.status === 'solved' &&
    hasCustomer(after) &&
    !after.flags.some((f) => f === 'spam' || f === 'virus')
  );
}

function commandSummary(commands: readonly AgentCommand[]): string {
  return commands.map((c) => `#${c.name}`).join(' ');
}
