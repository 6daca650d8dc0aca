import type { Team } from '../core/agents.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TeamStore, type CurrentTeam } from '../adapters/team-store.ts';
import { DEFAULT_QUEUE_ID, type SupportQueue } from '../core/queues.ts';
import type { QueueTeams } from '../core/queue-routing.ts';
import { settingsForQueue } from '../core/queue-selection.ts';
import type { PipelineSettings } from '../core/settings.ts';

/**
 * How long a function keeps the team it read. A change made with `support agents` reaches every
 * warm function within this, while a busy function reads the item once a minute rather than once
 * per mail (a new case stays at its 4 DynamoDB requests).
 */
export const TEAM_CACHE_MS = 60_000;

/** The team of a queue as it stands (the default queue's when none is named). */
export type QueueTeamReader = (queueId?: string) => Promise<Team>;

/** Reads the team through a cache of `maxAgeMs`; a failed read is not kept, so the next mail tries again. */
export function cachedTeam(
  store: { current(): Promise<CurrentTeam> },
  maxAgeMs = TEAM_CACHE_MS,
  clock: () => number = Date.now,
): () => Promise<Team> {
  let cached: { readonly at: number; readonly team: Promise<Team> } | undefined;
  return () => {
    const now = clock();
    if (cached === undefined || now - cached.at >= maxAgeMs) {
      const team = store.current().then((current) => current.team);
      cached = { at: now, team };
      team.catch(() => {
        if (cached?.team === team) cached = undefined;
      });
    }
    return cached.team;
  };
}

/** Each queue's team through its own cache; a queue nobody configured is read as the default queue. */
export function cachedQueueTeams(
  stores: ReadonlyMap<string, { current(): Promise<CurrentTeam> }>,
  maxAgeMs = TEAM_CACHE_MS,
): QueueTeamReader {
  const byQueue = new Map([...stores].map(([id, store]) => [id, cachedTeam(store, maxAgeMs)]));
  return (queueId = DEFAULT_QUEUE_ID) => {
    const read = byQueue.get(queueId) ?? byQueue.get(DEFAULT_QUEUE_ID);
    if (read === undefined) return Promise.reject(new Error(`No team store for queue ${queueId}`));
    return read();
  };
}

/** Each queue's team from its own item in the table (seeded with its configured team), through cachedQueueTeams. */
export function queueTeamReader(
  doc: DynamoDBDocumentClient,
  tableName: string,
  queues: readonly Pick<SupportQueue, 'id' | 'team'>[],
  maxAgeMs = TEAM_CACHE_MS,
): QueueTeamReader {
  return cachedQueueTeams(new Map(queues.map((q) => [q.id, new TeamStore(doc, tableName, q.team, q.id)])), maxAgeMs);
}

/** Dependencies whose settings carry the team as it stands now, read once for one mail or check. */
export async function withCurrentTeam<
  D extends { readonly settings: { readonly team: Team }; readonly currentTeam: () => Promise<Team> },
>(deps: D): Promise<D> {
  return { ...deps, settings: { ...deps.settings, team: await deps.currentTeam() } };
}

/** Dependencies whose settings are those of queue `queueId` (settingsForQueue), with its team as it stands now. */
export async function forQueue<
  S extends PipelineSettings,
  D extends { readonly settings: S; readonly currentTeam: QueueTeamReader },
>(deps: D, queueId: string | undefined): Promise<D> {
  const settings = settingsForQueue(deps.settings, queueId);
  return { ...deps, settings: { ...settings, team: await deps.currentTeam(settings.queueId) } };
}

/** Every queue's team as it stands, by queue id: who is an agent anywhere, before the case is known. */
export async function queueTeams(deps: {
  readonly settings: PipelineSettings;
  readonly currentTeam: QueueTeamReader;
}): Promise<QueueTeams> {
  const ids = deps.settings.queues.map((q) => q.id);
  const teams = await Promise.all(ids.map((id) => deps.currentTeam(id)));
  return new Map(ids.map((id, i) => [id, teams[i] ?? deps.settings.team]));
}
