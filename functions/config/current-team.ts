import type { Team } from '../core/agents.ts';
import type { CurrentTeam } from '../adapters/team-store.ts';

/**
 * How long a function keeps the team it read. A change made with `support agents` reaches every
 * warm function within this, while a busy function reads the item once a minute rather than once
 * per mail (a new case stays at its 4 DynamoDB requests).
 */
export const TEAM_CACHE_MS = 60_000;

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

/** Dependencies whose settings carry the team as it stands now, read once for one mail or check. */
export async function withCurrentTeam<
  D extends { readonly settings: { readonly team: Team }; readonly currentTeam: () => Promise<Team> },
>(deps: D): Promise<D> {
  return { ...deps, settings: { ...deps.settings, team: await deps.currentTeam() } };
}
