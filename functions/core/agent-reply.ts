import type { AgentCommand, ParsedCommands } from './agent-commands.ts';
import {
  applyLoopCommand,
  finishMerge,
  isLoopCommand,
  loopProblems,
  type LoopCommandInput,
} from './agent-loop-commands.ts';
import { draftCommandProblem, draftCustomerAnswer } from './agent-reply-mail.ts';
import { findAgent, supervisorOnDuty, type Agent, type Team } from './agents.ts';
import { languageName } from './case-language.ts';
import { withStatus } from './case-status.ts';
import { commandProblems } from './command-checks.ts';
import { applyMove, draftMoveNotice, moveProblems, type QueueTarget } from './case-move.ts';
import { draftClosingMessage, type Transcript } from './closing-message.ts';
import { hasCustomer } from './customer-message.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import { answerWithMacros, macroVariables, unknownMacros, type MacroBook } from './macros.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { SenderBlock } from './sender-blocks.ts';
import type { SurveyLinkFactory } from './survey-token.ts';
import { draftTeamMails, withCustomerFiles, type CustomerFiles } from './team-mails.ts';
import type { MessageKind, SupportCase } from './support-case.ts';

/** What an agent's reply is planned from: the case, the agent, their parsed reply, and what drafting mail needs. */
export interface AgentReplyInput extends LoopCommandInput {
  readonly team: Team;
  /** The agent's words (quoted notification and signature stripped), parsed once per mail with parseAgentCommands. */
  readonly commands: ParsedCommands;
  readonly receivedAt: string;
  readonly survey: SurveyLinkFactory;
  readonly timeZone: string;
  /** The case's public conversation so far: read when the reply solves, hands over or asks for it (see needsTranscript). */
  readonly transcript?: Transcript;
  /** The saved answers the reply names with `#macro`, loaded by the caller; absent, every one is unknown. */
  readonly macros?: MacroBook;
  /** The reply as the agent wrote it (commands and answer), quoted back to them when a command fails. */
  readonly written?: string;
  /** The customer's files, read with the conversation: escalations, bug reports and handovers carry them. */
  readonly customerFiles?: CustomerFiles;
  /** The queues `#move` may name; absent, it names none. */
  readonly queueTargets?: readonly QueueTarget[];
}

export interface AgentReplyPlan {
  /** The case after the reply; unchanged when a command could not be understood. */
  readonly supportCase: SupportCase;
  /** How the agent's mail is filed: a public answer, or internal. */
  readonly messageKind: MessageKind;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
  readonly problems: readonly string[];
  /** The case a `#merge` closed this one into, as it is after the merge: written with this one. */
  readonly survivor?: SupportCase;
  /** The sender block a `#spam` sets. */
  readonly block?: SenderBlock;
}

/** What an agent's reply does: commands first, then the answer (if any) goes to the customer. */
export function planAgentReply(input: AgentReplyInput): AgentReplyPlan {
  const { agent, team } = input;
  const parsed = input.commands;
  const macros = parsed.commands.flatMap((c) => (c.name === 'macro' ? [c.macro] : []));
  // #spam and #merge close the case without a word to the customer: what else was written is a note.
  const isNote = parsed.commands.some((c) => c.name === 'note' || c.name === 'spam' || c.name === 'merge');
  const loop = loopProblems(parsed.commands, input);
  const problems = [
    ...parsed.problems,
    ...commandProblems(parsed.commands, team, input.supportCase),
    ...loop.problems,
    ...moveProblems(parsed.commands, input.supportCase, input.queueTargets),
    ...unknownMacros(macros, input.macros),
    ...(isNote && macros.length > 0 ? [MACRO_IN_NOTE] : []),
  ];
  if (problems.length > 0) {
    // Nothing runs and the customer hears nothing: a half-applied reply is worse than none.
    return {
      supportCase: input.supportCase,
      messageKind: 'note',
      problems,
      drafts: { explanation: draftCommandProblem(input, problems, input.written ?? parsed.body) },
    };
  }
  const answer = isNote
    ? ''
    : answerWithMacros(parsed.body, macros, input.macros, macroVariables(input.supportCase, agent));
  const has = (name: AgentCommand['name']) => parsed.commands.some((c) => c.name === name);
  let next: SupportCase = {
    ...input.supportCase,
    version: nextVersion(input.supportCase),
    updatedAt: input.receivedAt,
  };
  const drafts: Record<string, OutboundDraft> = {};
  for (const command of parsed.commands) next = applyCommand(next, command, input, drafts);
  const merge = finishMerge(next, parsed.commands, input, drafts);
  next = merge.supportCase;
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
  next = withReplyEntry(next, input, { kind, isNote, answer });
  // Drafted last, so the new holder's, the supervisor's and engineering's mails have this reply's note in them too.
  Object.assign(drafts, draftTeamMails(input.supportCase, next, input, parsed));
  const moved = draftMoveNotice(input.supportCase, next, input);
  if (moved !== undefined) drafts.moved = withCustomerFiles(moved, next, input);
  return {
    supportCase: next,
    messageKind: kind,
    drafts,
    problems: [],
    ...(merge.survivor === undefined ? {} : { survivor: merge.survivor }),
    ...(loop.block === undefined ? {} : { block: loop.block }),
  };
}

/** The reply's line in the case's history: its answer, its note, or (commands alone) what it did. */
function withReplyEntry(
  next: SupportCase,
  input: AgentReplyInput,
  reply: { readonly kind: MessageKind; readonly isNote: boolean; readonly answer: string },
): SupportCase {
  const parsed = input.commands;
  // Commands alone are no note: agents' histories call a note "Internal note from ..." (history-lines.ts).
  const historyKind: MessageKind = reply.kind === 'note' && !noteWritten(parsed) ? 'agent-notice' : reply.kind;
  const noteText = reply.isNote
    ? [...parsed.commands.flatMap((c) => (c.name === 'note' && c.text ? [c.text] : [])), parsed.body].join('\n').trim()
    : reply.answer;
  const entry = historyEntry(
    input.receivedAt,
    historyKind,
    `${input.agent.name} (${input.agent.agentId})`,
    noteText || commandSummary(parsed.commands),
  );
  return { ...next, recent: withHistory(next.recent, entry) };
}

function applyCommand(
  current: SupportCase,
  command: AgentCommand,
  input: AgentReplyInput,
  drafts: Record<string, OutboundDraft>,
): SupportCase {
  if (isLoopCommand(command)) return applyLoopCommand(current, command, input, drafts);
  switch (command.name) {
    case 'note':
    case 'transcript':
    case 'macro':
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
    case 'language': {
      // Kept in the history even when the reply's answer is what its own line shows.
      const who = `${input.agent.name} (${input.agent.agentId})`;
      const line = `#language ${command.language}: ${languageName(command.language)} from now on`;
      const entry = historyEntry(input.receivedAt, 'agent-notice', who, line);
      return { ...current, language: command.language, recent: withHistory(current.recent, entry) };
    }
    case 'cc':
      return { ...current, participants: [...new Set([...current.participants, command.address])] };
    case 'move':
      return applyMove(current, command, input);
    case 'escalate':
      // The mail to the supervisor is drafted once the reply is filed (team-mails.ts).
      return { ...current, assignee: supervisorOnDuty(input.team, new Date(input.receivedAt)).agentId };
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

/** A case an agent just solved gets a closing message, unless nobody can be written to, it is junk, or it was merged. */
function closesCase(before: SupportCase, after: SupportCase): boolean {
  return (
    before.status !== 'solved' &&
    after.status === 'solved' &&
    hasCustomer(after) &&
    after.mergedInto === undefined &&
    !after.flags.some((f) => f === 'spam' || f === 'virus')
  );
}

/** A saved answer is written to the customer; a note is not. */
const MACRO_IN_NOTE =
  '#macro adds a saved answer for the customer, and #note keeps the reply internal: use one or the other.';

/** Whether a reply without an answer has words of its own (a `#note` text or body), not only commands. */
function noteWritten(parsed: ParsedCommands): boolean {
  return parsed.body !== '' || parsed.commands.some((c) => c.name === 'note' && c.text !== '');
}

function commandSummary(commands: readonly AgentCommand[]): string {
  return commands.map((c) => (c.name === 'language' ? `#language ${c.language}` : `#${c.name}`)).join(' ');
}
