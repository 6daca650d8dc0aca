/**
 * `#move <queue>`: a case goes to another queue. Its targets and calendar become the new queue's
 * (the handler commits it with that queue's settings, so its checks are timed again and the old
 * ones go stale), an assignee who is not in the new queue's team lets go of it, and the new
 * queue's team is told, from the new queue's address, as a handover tells a new holder.
 */
import type { AgentCommand } from './agent-commands.ts';
import { caseSummary } from './agent-notification.ts';
import type { Agent, Team } from './agents.ts';
import { COMMAND_HELP } from './agent-commands.ts';
import type { Transcript } from './closing-message.ts';
import { suggestCommand } from './command-suggestion.ts';
import { latestCustomerWords } from './handover.ts';
import { historyEntry, withHistory } from './history.ts';
import { historyLines } from './history-lines.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import { DEFAULT_QUEUE_ID } from './queues.ts';
import { queueIdOf } from './queue-selection.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { SupportCase } from './support-case.ts';

/** A queue a case can be moved to, with what its notice is drafted from (built by the handler). */
export interface QueueTarget {
  readonly id: string;
  readonly address: string;
  readonly displayName: string;
  /** The queue's team as it stands. */
  readonly team: Team;
  /** The queue's business time zone: its team reads the history on that clock. */
  readonly timeZone: string;
  /** Reply addresses on the queue's own address: the new team's replies come back to it. */
  readonly replyAddresses: ReplyAddresses;
}

type MoveCommand = Extract<AgentCommand, { name: 'move' }>;

/** Why the reply's `#move` cannot run: more than one, a queue nobody configured (with the list), or the case's own. */
export function moveProblems(
  commands: readonly AgentCommand[],
  supportCase: SupportCase,
  targets: readonly QueueTarget[] = [],
): string[] {
  const moves = commands.filter((c): c is MoveCommand => c.name === 'move');
  if (moves.length > 1) return ['#move names one queue; this reply has more than one #move.'];
  const [move] = moves;
  if (move === undefined) return [];
  const target = targets.find((t) => t.id === move.queue);
  if (target === undefined) {
    const nearest = suggestCommand(
      move.queue,
      targets.map((t) => t.id),
    );
    return [
      `#move ${move.queue}: there is no queue of that name.${nearest === undefined ? '' : ` Did you mean #move ${nearest}?`} Queues: ${describeQueues(targets)}.`,
    ];
  }
  return target.id === queueIdOf(supportCase)
    ? [`#move ${move.queue}: case #${supportCase.caseNumber} is in that queue already.`]
    : [];
}

function describeQueues(targets: readonly QueueTarget[]): string {
  return targets.length === 0
    ? 'none configured'
    : targets.map((t) => `${t.id} (${t.displayName}, ${t.address})`).join(', ');
}

/**
 * The case in the queue `#move` names (checked by moveProblems): its assignee kept only if the new
 * team has them, and a line in its history saying from where, by whom, and who let go of it.
 */
export function applyMove(
  current: SupportCase,
  command: MoveCommand,
  input: { readonly agent: Agent; readonly receivedAt: string; readonly queueTargets?: readonly QueueTarget[] },
): SupportCase {
  const target = (input.queueTargets ?? []).find((t) => t.id === command.queue);
  if (target === undefined) return current;
  const { queue: _old, assignee, ...rest } = current;
  const keeps = assignee !== undefined && target.team.agents.some((a) => a.agentId === assignee);
  const line = `moved the case from queue ${queueIdOf(current)} to queue ${target.id}${
    assignee === undefined || keeps ? '' : `; ${assignee} is not in its team and no longer holds it`
  }`;
  return {
    ...rest,
    ...(target.id === DEFAULT_QUEUE_ID ? {} : { queue: target.id }),
    ...(keeps ? { assignee } : {}),
    recent: withHistory(
      current.recent,
      historyEntry(input.receivedAt, 'agent-notice', `${input.agent.name} (${input.agent.agentId})`, line),
    ),
  };
}

/** What the new team's notice is drafted from. */
export interface MoveNoticeInput {
  readonly agent: Agent;
  readonly queueTargets?: readonly QueueTarget[];
  readonly transcript?: Transcript;
}

/**
 * The notice to the new queue's team address of a case `#move` moved from `before` to `after`
 * (none when it did not move): who moved it from where, the customer's latest words and the
 * history, sent from the new queue's address with its agents' reply address.
 */
export function draftMoveNotice(
  before: SupportCase,
  after: SupportCase,
  input: MoveNoticeInput,
): OutboundDraft | undefined {
  const from = (input.queueTargets ?? []).find((t) => t.id === queueIdOf(before));
  const to = (input.queueTargets ?? []).find((t) => t.id === queueIdOf(after));
  if (to === undefined || to.id === queueIdOf(before)) return undefined;
  const holder = to.team.agents.find((a) => a.agentId === after.assignee);
  return {
    kind: 'agent-notice',
    caseNumber: after.caseNumber,
    from: to.address,
    fromName: to.displayName,
    to: [{ address: to.team.teamAddress }],
    cc: [],
    replyTo: to.replyAddresses.forAgents(after.caseNumber),
    template: 'case-moved',
    data: {
      ...caseSummary(after),
      fromQueue: from === undefined ? queueIdOf(before) : `${from.displayName} (${from.id})`,
      toQueue: `${to.displayName} (${to.id})`,
      byName: input.agent.name,
      byId: input.agent.agentId,
      assignedTo:
        holder === undefined ? 'nobody yet: reply with #take to take it' : `${holder.name} (${holder.agentId})`,
      words: latestCustomerWords(after, input.transcript),
      history: historyLines(after.recent, to.timeZone),
      commandHelp: COMMAND_HELP,
    },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}
