import type { AgentCommand } from './agent-commands.ts';
import { findAgent, type Team } from './agents.ts';
import { MAX_CASE_PARTICIPANTS } from './participants.ts';
import type { SupportCase } from './support-case.ts';

/** Commands that parsed but cannot run on this case: an agent nobody is, or a case grown past what one answer reaches. */
export function commandProblems(commands: readonly AgentCommand[], team: Team, supportCase: SupportCase): string[] {
  return [...unknownAgents(commands, team), ...tooManyParticipants(commands, supportCase)];
}

function unknownAgents(commands: readonly AgentCommand[], team: Team): string[] {
  return commands.flatMap((c) =>
    c.name === 'assign' && findAgent(team, c.agent) === undefined
      ? [
          `#assign ${c.agent}: no agent has that ID, address or first name. Agents: ${team.agents.map((a) => `${a.agentId} ${a.name}`).join(', ')}.`,
        ]
      : [],
  );
}

/** #cc past MAX_CASE_PARTICIPANTS: no answer could go out to a case that large (SES takes 50 recipients). */
function tooManyParticipants(commands: readonly AgentCommand[], supportCase: SupportCase): string[] {
  const added = new Set(
    commands.flatMap((c) => (c.name === 'cc' && !supportCase.participants.includes(c.address) ? [c.address] : [])),
  );
  const total = supportCase.participants.length + added.size;
  return total <= MAX_CASE_PARTICIPANTS
    ? []
    : [
        `#cc: the case would have ${total} participants; one answer can go to at most ${MAX_CASE_PARTICIPANTS}. Write to the others separately.`,
      ];
}
