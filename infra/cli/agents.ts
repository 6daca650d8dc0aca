import type { AgentRole } from '../../functions/core/agents.ts';
import type { CurrentTeam } from '../../functions/adapters/team-store.ts';
import type { CaseReader } from '../../functions/adapters/case-reader.ts';
import { TEAM_CACHE_MS } from '../../functions/config/current-team.ts';
import {
  commandHelp,
  OperationError,
  stringOption,
  UsageError,
  type Command,
  type CommandContext,
  type OptionValues,
} from './command-line.ts';
import { DEFAULT_QUEUE_ID } from '../../functions/core/queues.ts';
import { describeDuty, rosterNote } from './duty-view.ts';
import { formatTable, formatTime } from './format.ts';
import { storesOf } from './target.ts';
import { QUEUE_HELP, QUEUE_OPTION, queueTeamStore } from './queue-option.ts';
import {
  addAgent,
  agentNamed,
  parseNewAgent,
  removeAgent,
  setRole,
  TeamChangeError,
  type TeamChange,
} from './team-changes.ts';
import type { Target } from './target.ts';
import type { Agent } from '../../functions/core/agents.ts';

const OPEN_STATUSES = ['new', 'open', 'pending'] as const;
const TAKES_EFFECT = `The functions read the team again within ${TEAM_CACHE_MS / 1000} seconds.`;

const list: Command = {
  path: ['agents', 'list'],
  summary: 'Lists the team (name, address, ID, role) and where it comes from',
  synopsis: 'agents list [--queue ID]',
  details: `The deployment (cdk.json) seeds the team; once \`support agents add|remove|set-role\` changed it, the
team stored in the case table counts and cdk.json's agents no longer do. Each queue has its own team.

Options:
${QUEUE_HELP}`,
  options: QUEUE_OPTION,
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const { store } = await queueTeamStore(values, await context.target());
    context.io.out(describeTeam(await store.current(), context.now()));
    return 0;
  },
};

const add: Command = {
  path: ['agents', 'add'],
  summary: 'Adds an agent or supervisor to the team',
  synopsis: 'agents add --name NAME --email ADDRESS --id AGENT_ID [--role agent|supervisor] [--queue ID]',
  details: `Options:
  --name NAME        as customers see it on answers ("Lena Fischer (Example Support)")
  --email ADDRESS    the agent's own mailbox, not on the support domain; their mail must pass DMARC
  --id AGENT_ID      1-20 letters, digits or dashes, unique (e.g. A-103)
  --role ROLE        agent (default) or supervisor
${QUEUE_HELP}

Example: support agents add --name "Lena Fischer" --email lena@staff.example.com --id A-103`,
  options: {
    name: { type: 'string' },
    email: { type: 'string' },
    id: { type: 'string' },
    role: { type: 'string' },
    ...QUEUE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const agent = parseNewAgent({
      name: stringOption(values, 'name'),
      email: stringOption(values, 'email'),
      agentId: stringOption(values, 'id'),
      role: stringOption(values, 'role') ?? 'agent',
    });
    if (Array.isArray(agent)) throw new UsageError(agent.join('; '), commandHelp(add));
    return changeTeam(
      context,
      values,
      async (team, domain) => addAgent(team, agent, domain),
      async (change, _cases, target) => localLogin(target, change.agent),
    );
  },
};

const remove: Command = {
  path: ['agents', 'remove'],
  summary: 'Removes an agent (never the last supervisor)',
  synopsis: 'agents remove AGENT [--queue ID]',
  details: `AGENT is an agent ID, address or unique first name. Cases still assigned to them notify the
team address until someone takes them.

Options:
${QUEUE_HELP}

Example: support agents remove A-102`,
  options: QUEUE_OPTION,
  positionals: { min: 1, max: 1 },
  async run({ positionals, values }, context) {
    return changeTeam(
      context,
      values,
      async (team, domain) => removeAgent(team, positionals[0] ?? '', domain),
      async (change, cases) => {
        const roster = rosterNote(change.team, change.agent.agentId);
        const filter = { assignee: change.agent.agentId };
        const assigned = (await Promise.all(OPEN_STATUSES.map((status) => cases.byStatus(status, filter)))).flatMap(
          (page) => page.cases,
        );
        if (assigned.length === 0) return roster;
        return [
          `${assigned.length} open case(s) are still assigned to ${change.agent.agentId} (${assigned.map((c) => `#${c.caseNumber}`).join(', ')}): their notifications go to the team address until someone takes them (#take or #assign).`,
          ...(roster === '' ? [] : [roster]),
        ].join('\n');
      },
    );
  },
};

const setRoleCommand: Command = {
  path: ['agents', 'set-role'],
  summary: 'Makes an agent a supervisor, or back (never the last supervisor)',
  synopsis: 'agents set-role AGENT agent|supervisor [--queue ID]',
  details: `AGENT is an agent ID, address or unique first name. Escalations, breaches and security notices go
to the supervisor on duty (support.duty in cdk.json; without it, the first supervisor in the list).

Options:
${QUEUE_HELP}

Example: support agents set-role maria supervisor`,
  options: QUEUE_OPTION,
  positionals: { min: 2, max: 2 },
  async run({ positionals, values }, context) {
    const [reference = '', role = ''] = positionals;
    if (role !== 'agent' && role !== 'supervisor')
      throw new UsageError(`the role must be agent or supervisor, not "${role}"`, commandHelp(setRoleCommand));
    return changeTeam(
      context,
      values,
      async (team, domain) => setRole(team, reference, role satisfies AgentRole, domain),
      async (change) => rosterNote(change.team, change.agent.agentId),
    );
  },
};

const password: Command = {
  path: ['agents', 'password'],
  summary: "Shows an agent's own password for the local stack's SMTP port",
  synopsis: 'agents password AGENT',
  details: `AGENT is an agent ID, address or unique first name. Locally, agents answer through npm start's
SMTP port logged in as themselves (it stands in for their DKIM/DMARC); each has their own password,
so nobody can act as someone else. A deployed stack has none: agents mail from their own mailboxes.

Options:
${QUEUE_HELP}

Example: support agents password maria`,
  options: QUEUE_OPTION,
  positionals: { min: 1, max: 1 },
  async run({ positionals, values }, context) {
    const target = await context.target();
    if (target.localSmtp === undefined)
      throw new OperationError(
        `${target.label} has no SMTP passwords: agents answer from their own mailboxes, and SES checks their DKIM/DMARC.`,
      );
    const { team } = await (await queueTeamStore(values, target)).store.current();
    let agent: Agent;
    try {
      agent = agentNamed(team, positionals[0] ?? '');
    } catch (error) {
      if (error instanceof TeamChangeError) throw new OperationError(error.message);
      throw error;
    }
    context.io.out(localLogin(target, agent));
    return 0;
  },
};

export const agentCommands: readonly Command[] = [list, add, remove, setRoleCommand, password];

/** How an agent logs in to the local SMTP port; '' for a deployed stack. */
function localLogin(target: Target, agent: Agent): string {
  const smtp = target.localSmtp;
  if (smtp === undefined) return '';
  return `${agent.agentId} ${agent.name} answers through SMTP 127.0.0.1:${smtp.port} logged in as ${agent.email}, password ${smtp.passwordFor(agent.email)}`;
}

/** Reads the team, applies one change, writes it with the version read; says what happened. */
async function changeTeam(
  context: CommandContext,
  values: OptionValues,
  change: (team: CurrentTeam['team'], domains: readonly string[]) => Promise<TeamChange>,
  afterwards?: (change: TeamChange, cases: CaseReader, target: Target) => Promise<string>,
): Promise<number> {
  const target = await context.target();
  const { cases } = storesOf(target);
  const { store: teams, queue } = await queueTeamStore(values, target);
  const current = await teams.current();
  let planned: TeamChange;
  try {
    planned = await change(current.team, await target.receivingDomains());
  } catch (error) {
    if (error instanceof TeamChangeError) throw new OperationError(error.message);
    throw error;
  }
  if (planned.unchanged) {
    context.io.out(`Nothing to change: ${planned.description}.`);
    return 0;
  }
  const saved = await teams.save(planned.team, current.version, planned.description, context.now());
  const where = queue === DEFAULT_QUEUE_ID ? target.label : `queue ${queue} of ${target.label}`;
  context.io.out(`${capitalise(planned.description)} in ${where} (team version ${saved.version}). ${TAKES_EFFECT}`);
  const note = afterwards === undefined ? '' : await afterwards(planned, cases, target);
  if (note !== '') context.io.out(note);
  return 0;
}

/** The team as a table, with where it comes from. */
export function describeTeam(current: CurrentTeam, now: Date): string {
  const source =
    current.source === 'config'
      ? 'Source: the deploy configuration (cdk.json); not changed with the support CLI.'
      : `Source: changed with the support CLI (version ${current.version}${current.changedAt ? `, ${formatTime(current.changedAt)}` : ''}${current.change ? `: ${current.change}` : ''}); cdk.json's agents no longer count.`;
  const rows = current.team.agents.map((a) => [a.agentId, a.name, a.email, a.role]);
  return [
    source,
    '',
    formatTable(['ID', 'Name', 'Email', 'Role'], rows),
    '',
    `Unassigned cases notify ${current.team.teamAddress}; #bug reports go to ${current.team.engineeringAddress}.`,
    describeDuty(current.team, now),
  ].join('\n');
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
