import { findAgent, type Agent, type AgentRole, type Team } from '../../functions/core/agents.ts';
import { agentSchema, teamRuleProblems } from '../team-schema.ts';

/** A change the team's rules refuse (a duplicate, the last supervisor, an unknown agent); nothing is written. */
export class TeamChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamChangeError';
  }
}

export interface TeamChange {
  readonly team: Team;
  readonly agent: Agent;
  /** In words, kept with the stored team: "added A-103 Lena Fischer (agent)". */
  readonly description: string;
  /** The team already was like this; nothing needs writing. */
  readonly unchanged?: boolean;
}

/** Command-line option of each agent field, so a problem names what the person typed. */
const OPTION_OF: Readonly<Record<string, string>> = {
  name: '--name',
  email: '--email',
  agentId: '--id',
  role: '--role',
};

/** An agent from the command line, validated as cdk.json's agents are; else the problems, one per option. */
export function parseNewAgent(input: {
  name?: string;
  email?: string;
  agentId?: string;
  role?: string;
}): Agent | string[] {
  const parsed = agentSchema.safeParse(input);
  if (parsed.success) return { ...parsed.data, email: parsed.data.email.toLowerCase() };
  return parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    return input[field as keyof typeof input] === undefined
      ? `${OPTION_OF[field] ?? field} is required`
      : `${OPTION_OF[field] ?? field} ${issue.message}`;
  });
}

/** The team with `agent` added, if every rule still holds. */
export function addAgent(team: Team, agent: Agent, domains: string | readonly string[]): TeamChange {
  const sameEmail = team.agents.find((a) => a.email.toLowerCase() === agent.email.toLowerCase());
  if (sameEmail !== undefined)
    throw new TeamChangeError(`${agent.email} is already the address of ${describeAgent(sameEmail)}.`);
  const sameId = team.agents.find((a) => a.agentId.toLowerCase() === agent.agentId.toLowerCase());
  if (sameId !== undefined)
    throw new TeamChangeError(`${agent.agentId} is already the ID of ${describeAgent(sameId)}.`);
  const domain = [domains].flat().find((d) => agent.email.toLowerCase().endsWith(`@${d.toLowerCase()}`));
  if (domain !== undefined) {
    throw new TeamChangeError(
      `${agent.email} is on the support domain ${domain}: mail to it would come back into the pipeline. Use the agent's own mailbox.`,
    );
  }
  return checked({ ...team, agents: [...team.agents, agent] }, agent, `added ${describeAgent(agent)}`, domains);
}

/** The team without the agent `reference` names (ID, address or unique first name). */
export function removeAgent(team: Team, reference: string, domains: string | readonly string[]): TeamChange {
  const agent = agentNamed(team, reference);
  const next = { ...team, agents: team.agents.filter((a) => a !== agent) };
  if (!next.agents.some((a) => a.role === 'supervisor')) throw new TeamChangeError(lastSupervisor(agent, 'removed'));
  return checked(next, agent, `removed ${describeAgent(agent)}`, domains);
}

/** The team with the named agent's role changed. */
export function setRole(
  team: Team,
  reference: string,
  role: AgentRole,
  domains: string | readonly string[],
): TeamChange {
  const agent = agentNamed(team, reference);
  if (agent.role === role)
    return { team, agent, description: `${describeAgent(agent)} is already ${article(role)} ${role}`, unchanged: true };
  const changed: Agent = { ...agent, role };
  const next = { ...team, agents: team.agents.map((a) => (a === agent ? changed : a)) };
  if (!next.agents.some((a) => a.role === 'supervisor'))
    throw new TeamChangeError(lastSupervisor(agent, 'made an agent'));
  return checked(next, changed, `made ${agent.agentId} ${agent.name} ${article(role)} ${role}`, domains);
}

/** The agent a reference names, or a TeamChangeError that lists who there is. */
export function agentNamed(team: Team, reference: string): Agent {
  const agent = findAgent(team, reference);
  if (agent === undefined)
    throw new TeamChangeError(
      `No agent has the ID, address or first name "${reference}". Agents: ${team.agents.map((a) => `${a.agentId} ${a.name}`).join(', ')}.`,
    );
  return agent;
}

/** "A-101 Maria Lopez (agent)". */
export function describeAgent(agent: Agent): string {
  return `${agent.agentId} ${agent.name} (${agent.role})`;
}

function checked(team: Team, agent: Agent, description: string, domains: string | readonly string[]): TeamChange {
  const problems = teamRuleProblems(team, domains);
  if (problems.length > 0) throw new TeamChangeError(`Not changed: ${problems.join('; ')}.`);
  return { team, agent, description };
}

function lastSupervisor(agent: Agent, what: string): string {
  return `${agent.name} (${agent.agentId}) is the only supervisor and cannot be ${what}: escalations and breaches need someone on duty. Make someone else a supervisor first (support agents set-role <agent> supervisor).`;
}

const article = (role: AgentRole) => (role === 'agent' ? 'an' : 'a');
