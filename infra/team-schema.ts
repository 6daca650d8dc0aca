import { z } from 'zod';

/** A name that goes into a From or To header as it is: one line, no quotes or angle brackets to break out of it. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(78)
  .regex(/^[^\r\n<>"]+$/, 'must not contain line breaks, quotes or angle brackets');

/** One person who answers, as configured in cdk.json or added with `support agents add`. */
export const agentSchema = z.object({
  name: displayNameSchema,
  email: z.email('must be an email address'),
  agentId: z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'must be 1-20 letters, digits or dashes'),
  role: z.enum(['agent', 'supervisor']).default('agent'),
});

/** What the team rules read: who answers, and where unassigned work and bug reports go. */
export interface TeamRuleInput {
  readonly agents: ReadonlyArray<{ readonly email: string; readonly agentId: string; readonly role: string }>;
  readonly teamAddress: string;
  readonly engineeringAddress: string;
}

/**
 * The rules a team keeps however it is set (cdk.json at deploy time, `support agents` at run time):
 * each broken one in words; none when the team is sound. `domains` are the domains we receive mail
 * at (the support domain, and every queue's): an address of the team on one of them would loop.
 */
export function teamRuleProblems(team: TeamRuleInput, domains: string | readonly string[]): string[] {
  const { agents } = team;
  const receiving = [domains].flat().map((d) => d.toLowerCase());
  const unique = (values: string[]) => new Set(values.map((v) => v.toLowerCase())).size === values.length;
  const onDomain = (address: string) => receiving.some((d) => address.toLowerCase().endsWith(`@${d}`));
  return [
    ...(agents.some((a) => a.role === 'supervisor')
      ? []
      : ['configure at least one agent with role "supervisor": escalations and breaches need someone on duty']),
    ...(unique(agents.map((a) => a.email)) ? [] : ['two agents share an email address']),
    ...(unique(agents.map((a) => a.agentId)) ? [] : ['two agents share an agentId']),
    ...([...agents.map((a) => a.email), team.teamAddress, team.engineeringAddress].some(onDomain)
      ? [
          `agent, team and engineering addresses must not be on the support domain or a queue's domain (${receiving.join(', ')}): mail to them comes back into the pipeline`,
        ]
      : []),
  ];
}
