import { describe, expect, it } from 'vitest';
import type { Team } from '../../functions/core/agents.ts';
import { addAgent, parseNewAgent, removeAgent, setRole, TeamChangeError } from '../../infra/cli/team-changes.ts';

const DOMAIN = 'example.test';
const TEAM: Team = {
  agents: [
    { name: 'Maria Lopez', email: 'maria@staff.example.com', agentId: 'A-101', role: 'agent' },
    { name: 'Sam Okafor', email: 'sam@staff.example.com', agentId: 'S-001', role: 'supervisor' },
  ],
  teamAddress: 'team@staff.example.com',
  engineeringAddress: 'engineering@staff.example.com',
};
const LENA = { name: 'Lena Fischer', email: 'lena@staff.example.com', agentId: 'A-103', role: 'agent' } as const;

describe('changing the team with the support CLI', () => {
  it('adds an agent the deploy configuration would accept, saying what changed', () => {
    const change = addAgent(TEAM, LENA, DOMAIN);

    expect(change.team.agents.map((a) => a.agentId)).toEqual(['A-101', 'S-001', 'A-103']);
    expect(change.description).toBe('added A-103 Lena Fischer (agent)');
  });

  it('validates a new agent field by field, as cdk.json is validated, naming the options', () => {
    expect(
      parseNewAgent({ name: 'Lena', email: 'LENA@Staff.Example.com', agentId: 'A-103', role: 'agent' }),
    ).toMatchObject({ email: 'lena@staff.example.com' });
    expect(parseNewAgent({ name: 'Lena', email: 'not-an-address', agentId: 'A 103', role: 'boss' })).toEqual([
      '--email must be an email address',
      '--id must be 1-20 letters, digits or dashes',
      expect.stringMatching(/^--role /),
    ]);
    expect(parseNewAgent({ email: 'lena@staff.example.com', agentId: 'A-103', role: 'agent' })).toEqual([
      '--name is required',
    ]);
  });

  it('refuses a second agent with the same address or ID, whatever its case', () => {
    expect(() => addAgent(TEAM, { ...LENA, email: 'Maria@staff.example.com' }, DOMAIN)).toThrow(
      'Maria@staff.example.com is already the address of A-101 Maria Lopez (agent).',
    );
    expect(() => addAgent(TEAM, { ...LENA, agentId: 'a-101' }, DOMAIN)).toThrow(
      'a-101 is already the ID of A-101 Maria Lopez (agent).',
    );
  });

  it('refuses an agent on the support domain, whose mail would loop back into the pipeline', () => {
    expect(() => addAgent(TEAM, { ...LENA, email: 'lena@example.test' }, DOMAIN)).toThrow(
      /is on the support domain example\.test/,
    );
    // Every queue's domain receives mail too.
    expect(() => addAgent(TEAM, { ...LENA, email: 'lena@brand2.test' }, [DOMAIN, 'brand2.test'])).toThrow(
      /is on the support domain brand2\.test/,
    );
  });

  it('removes an agent named by ID, address or first name', () => {
    expect(removeAgent(TEAM, 'maria', DOMAIN).team.agents.map((a) => a.agentId)).toEqual(['S-001']);
    expect(removeAgent(TEAM, 'MARIA@staff.example.com', DOMAIN).description).toBe('removed A-101 Maria Lopez (agent)');
    expect(() => removeAgent(TEAM, 'nobody', DOMAIN)).toThrow(
      'No agent has the ID, address or first name "nobody". Agents: A-101 Maria Lopez, S-001 Sam Okafor.',
    );
  });

  it('never removes or demotes the last supervisor', () => {
    expect(() => removeAgent(TEAM, 'S-001', DOMAIN)).toThrow(TeamChangeError);
    expect(() => removeAgent(TEAM, 'S-001', DOMAIN)).toThrow(
      /Sam Okafor \(S-001\) is the only supervisor and cannot be removed/,
    );
    expect(() => setRole(TEAM, 'sam', 'agent', DOMAIN)).toThrow(/is the only supervisor and cannot be made an agent/);
  });

  it('changes a role once there is another supervisor, and says when nothing changes', () => {
    const twoSupervisors = setRole(TEAM, 'A-101', 'supervisor', DOMAIN);
    expect(twoSupervisors.description).toBe('made A-101 Maria Lopez a supervisor');
    expect(setRole(twoSupervisors.team, 'S-001', 'agent', DOMAIN).team.agents.map((a) => a.role)).toEqual([
      'supervisor',
      'agent',
    ]);
    expect(setRole(TEAM, 'maria', 'agent', DOMAIN)).toMatchObject({
      unchanged: true,
      description: 'A-101 Maria Lopez (agent) is already an agent',
    });
  });
});
