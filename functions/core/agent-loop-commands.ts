import type { AgentCommand } from './agent-commands.ts';
import type { AgentMailContext } from './agent-reply-mail.ts';
import type { Team } from './agents.ts';
import { markBugFixed, markBugOpened } from './bug-loop.ts';
import { draftCaseNotice } from './case-notice.ts';
import { mergeCases, mergeProblems } from './case-merge.ts';
import { withStatus } from './case-status.ts';
import type { Transcript } from './closing-message.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import { spamBlock, type SenderBlock } from './sender-blocks.ts';
import type { SupportCase } from './support-case.ts';

/**
 * The commands that take a case out of the plain answer-and-solve loop: `#bug` and `#fixed`
 * (engineering), `#merge` (into another case) and `#spam` (close and block the sender).
 */
export interface LoopCommandInput extends AgentMailContext {
  readonly team: Team;
  readonly receivedAt: string;
  /** The case's public conversation: `#bug` quotes the customer's part of it. */
  readonly transcript?: Transcript;
  /** The case `#merge` names, read by the caller; undefined when there is none of that number. */
  readonly mergeTarget?: SupportCase;
}

export type LoopCommand = Extract<AgentCommand, { name: 'bug' | 'fixed' | 'merge' | 'spam' }>;

/** Whether a command is one of these (the rest are agent-reply's). */
export function isLoopCommand(command: AgentCommand): command is LoopCommand {
  return command.name === 'bug' || command.name === 'fixed' || command.name === 'merge' || command.name === 'spam';
}

/** Why these commands cannot run on this case, and the block a `#spam` would set. */
export function loopProblems(commands: readonly AgentCommand[], input: LoopCommandInput) {
  const problems: string[] = [];
  let block: SenderBlock | undefined;
  const merges = commands.filter((c) => c.name === 'merge');
  const spam = commands.find((c) => c.name === 'spam');
  if (merges.length > 1) problems.push('#merge names one case; this reply has more than one #merge.');
  if (merges.length > 0 && spam !== undefined)
    problems.push('#merge and #spam cannot go together: a case is either merged into another or junk.');
  for (const merge of merges.slice(0, 1))
    problems.push(...mergeProblems(input.supportCase, merge.caseNumber, input.mergeTarget));
  if (spam !== undefined) {
    const found = spamBlock(input.supportCase, spam.scope, { ...input, at: input.receivedAt });
    if (typeof found === 'string') problems.push(found);
    else block = found;
  }
  return { problems, ...(block === undefined ? {} : { block }) };
}

/** The case after one of these commands; the mail it calls for joins `drafts`. `#merge` is done by finishMerge. */
export function applyLoopCommand(
  current: SupportCase,
  command: LoopCommand,
  input: LoopCommandInput,
  drafts: Record<string, OutboundDraft>,
): SupportCase {
  const at = input.receivedAt;
  switch (command.name) {
    case 'bug':
      // The report itself is drafted once the reply is filed (team-mails.ts), so it has this reply's note.
      return markBugOpened(current, at);
    case 'fixed': {
      const fixed = markBugFixed(current, at);
      // The agent who marks it knows; an assignee who is someone else (or the team) is told.
      if (fixed.assignee !== input.agent.agentId)
        drafts.fixedNotice = draftCaseNotice({
          ...input,
          supportCase: fixed,
          headline: `${input.agent.name} (${input.agent.agentId}) marked the bug on case #${fixed.caseNumber} fixed: the customer awaits your answer`,
          words: command.text,
        });
      return fixed;
    }
    case 'spam':
      // Closed without a word to anyone: the closing message skips junk (see closesCase).
      return withStatus({ ...current, flags: [...new Set([...current.flags, 'spam' as const])] }, 'solved', at);
    case 'merge':
      return current;
  }
}

/** A reply with `#merge`: the case closed into the survivor (see mergeCases), else the case as it was. */
export function finishMerge(
  current: SupportCase,
  commands: readonly AgentCommand[],
  input: LoopCommandInput,
  drafts: Record<string, OutboundDraft>,
): { supportCase: SupportCase; survivor?: SupportCase } {
  const target = input.mergeTarget;
  if (!commands.some((c) => c.name === 'merge') || target === undefined) return { supportCase: current };
  const merged = mergeCases(current, target, { ...input, at: input.receivedAt });
  Object.assign(drafts, merged.drafts);
  return { supportCase: merged.closed, survivor: merged.survivor };
}
