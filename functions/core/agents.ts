/** The people who answer: configured agents and supervisors, and where unassigned work goes. */

export type AgentRole = 'agent' | 'supervisor';

export interface Agent {
  readonly name: string;
  readonly email: string;
  readonly agentId: string;
  readonly role: AgentRole;
}

export interface Team {
  readonly agents: readonly Agent[];
  /** Where notifications go when nobody is assigned. */
  readonly teamAddress: string;
  /** Where `#bug` hands a case to engineering. */
  readonly engineeringAddress: string;
}

export function findAgentByEmail(team: Team, email: string | undefined): Agent | undefined {
  const wanted = email?.toLowerCase();
  return wanted === undefined ? undefined : team.agents.find((a) => a.email.toLowerCase() === wanted);
}

/** An agent named the way people name each other in a command: ID, address, or (unique) first name. */
export function findAgent(team: Team, reference: string): Agent | undefined {
  const wanted = reference.trim().toLowerCase();
  const exact = team.agents.find((a) => a.agentId.toLowerCase() === wanted || a.email.toLowerCase() === wanted);
  if (exact !== undefined) return exact;
  const byName = team.agents.filter(
    (a) => a.name.toLowerCase() === wanted || a.name.toLowerCase().split(/\s+/)[0] === wanted,
  );
  return byName.length === 1 ? byName[0] : undefined;
}

/** The supervisor who takes escalations and security notices: the first one configured. */
export function supervisorOnDuty(team: Team): Agent {
  const supervisor = team.agents.find((a) => a.role === 'supervisor');
  if (supervisor === undefined)
    throw new Error('No supervisor is configured; configuration validation should have caught this');
  return supervisor;
}
