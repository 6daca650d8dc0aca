/** The people who answer: configured agents and supervisors, and where unassigned work goes. */
import { dutyBoundaries, rosteredAt, type DutyRoster } from './duty-roster.ts';

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
  /** Which supervisor is on duty when; without one, the first supervisor always is. */
  readonly duty?: DutyRoster;
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

/**
 * The supervisor who takes escalations, breaches and security notices at `at`: the one the duty
 * roster names then, if they are still a supervisor of the team; else the roster's fallback; else
 * (no roster, or the fallback left the team too) the first supervisor configured. Never nobody.
 */
export function supervisorOnDuty(team: Team, at: Date): Agent {
  const supervisors = team.agents.filter((a) => a.role === 'supervisor');
  const first = supervisors[0];
  if (first === undefined)
    throw new Error('No supervisor is configured; configuration validation should have caught this');
  if (team.duty === undefined) return first;
  const byId = (agentId: string) => supervisors.find((a) => a.agentId === agentId);
  return byId(rosteredAt(team.duty, at)) ?? byId(team.duty.fallback) ?? first;
}

/** How far ahead `nextOnDuty` looks: a week and a day reaches the next hand-over of any weekly roster. */
export const DUTY_LOOKAHEAD_DAYS = 8;

/** Who takes over from the supervisor on duty at `at`, and from when; undefined when nobody does within DUTY_LOOKAHEAD_DAYS. */
export function nextOnDuty(team: Team, at: Date): { readonly agent: Agent; readonly from: Date } | undefined {
  if (team.duty === undefined) return undefined;
  const now = supervisorOnDuty(team, at);
  for (const from of dutyBoundaries(team.duty, at, DUTY_LOOKAHEAD_DAYS)) {
    const agent = supervisorOnDuty(team, from);
    if (agent.agentId !== now.agentId) return { agent, from };
  }
  return undefined;
}
