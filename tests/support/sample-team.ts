import type { Team } from '../../functions/core/agents.ts';

/** The team the core's unit tests plan with: two agents and the supervisor on duty. */
export const SAMPLE_TEAM: Team = {
  agents: [
    { name: 'Maria Lopez', email: 'maria@staff.test', agentId: 'A-101', role: 'agent' },
    { name: 'Tom Becker', email: 'tom@staff.test', agentId: 'A-102', role: 'agent' },
    { name: 'Sam Okafor', email: 'sam@staff.test', agentId: 'S-001', role: 'supervisor' },
  ],
  teamAddress: 'team@staff.test',
  engineeringAddress: 'eng@staff.test',
};
