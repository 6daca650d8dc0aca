import { TeamStore } from '../../functions/adapters/team-store.ts';
import { DEFAULT_QUEUE_ID } from '../../functions/core/queues.ts';
import { OperationError, stringOption, type OptionValues } from './command-line.ts';
import type { Target } from './target.ts';

/** `--queue ID`, taken by the commands that work on one queue's team or cases. */
export const QUEUE_OPTION = { queue: { type: 'string' } } as const;

/** How `--queue` reads in a command's help. */
export const QUEUE_HELP = `  --queue ID         that queue's (its id in the configuration); default: the default queue, ${DEFAULT_QUEUE_ID}`;

/**
 * The queue `--queue` names, checked against the deployment's: undefined when none was given; an
 * OperationError listing the queues when it names none of them.
 */
export async function queueOption(values: OptionValues, target: Target): Promise<string | undefined> {
  const wanted = stringOption(values, 'queue')?.trim().toLowerCase();
  if (wanted === undefined) return undefined;
  const ids = [DEFAULT_QUEUE_ID, ...(await target.configuredQueues()).map((q) => q.id)];
  if (!ids.includes(wanted))
    throw new OperationError(`${target.label} has no queue "${wanted}"; its queues are ${ids.join(', ')}.`);
  return wanted;
}

/** The team store of the queue `--queue` names (the default queue's without it), seeded with its configured team. */
export async function queueTeamStore(
  values: OptionValues,
  target: Target,
): Promise<{ store: TeamStore; queue: string }> {
  const queue = (await queueOption(values, target)) ?? DEFAULT_QUEUE_ID;
  return { store: await teamStoreOf(target, queue), queue };
}

/** The team store of queue `queueId`, seeded with its configured team; a queue not configured (any more) is the default queue. */
export async function teamStoreOf(target: Target, queueId: string): Promise<TeamStore> {
  const configured = (await target.configuredQueues()).find((q) => q.id === queueId);
  return configured === undefined
    ? new TeamStore(target.doc, target.tableName, () => target.configuredTeam())
    : new TeamStore(target.doc, target.tableName, configured.team, configured.id);
}
