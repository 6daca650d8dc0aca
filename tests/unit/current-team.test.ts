import { describe, expect, it } from 'vitest';
import type { CurrentTeam } from '../../functions/adapters/team-store.ts';
import type { Team } from '../../functions/core/agents.ts';
import { cachedTeam, TEAM_CACHE_MS } from '../../functions/config/current-team.ts';

const TEAM: Team = {
  agents: [{ name: 'Sam Okafor', email: 'sam@staff.example.com', agentId: 'S-001', role: 'supervisor' }],
  teamAddress: 'team@staff.example.com',
  engineeringAddress: 'engineering@staff.example.com',
};

describe('the team the functions read', () => {
  const store = (teams: Team[]) => {
    let reads = 0;
    return {
      get reads() {
        return reads;
      },
      current: async (): Promise<CurrentTeam> => ({
        team: teams[Math.min(reads++, teams.length - 1)] ?? TEAM,
        source: 'table',
        version: reads,
      }),
    };
  };

  it('is read once per minute at most, so mail does not pay a read each', async () => {
    // Prepare
    let now = 0;
    const changed = { ...TEAM, teamAddress: 'helpdesk@staff.example.com' };
    const source = store([TEAM, changed]);
    const current = cachedTeam(source, TEAM_CACHE_MS, () => now);

    // Act and assess
    expect((await current()).teamAddress).toBe('team@staff.example.com');
    now += TEAM_CACHE_MS - 1;
    expect((await current()).teamAddress).toBe('team@staff.example.com');
    expect(source.reads).toBe(1);
    now += 1;
    expect((await current()).teamAddress).toBe('helpdesk@staff.example.com');
    expect(source.reads).toBe(2);
  });

  it('does not keep a failed read: the next mail tries again', async () => {
    let fail = true;
    const current = cachedTeam(
      {
        current: async () =>
          fail ? Promise.reject(new Error('throttled')) : { team: TEAM, source: 'config', version: 0 },
      },
      TEAM_CACHE_MS,
      () => 0,
    );

    await expect(current()).rejects.toThrow('throttled');
    fail = false;
    await expect(current()).resolves.toBe(TEAM);
  });
});
