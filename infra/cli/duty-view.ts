import { nextOnDuty, supervisorOnDuty, type Agent, type Team } from '../../functions/core/agents.ts';
import { isDutyHoliday } from '../../functions/core/duty-roster.ts';
import { shortLocalTime } from '../../functions/core/local-time.ts';

/**
 * Who is on duty now and who takes over next, for `support agents list`: the supervisor who gets
 * escalations, breaches and security notices at this moment, and when that changes hands.
 */
export function describeDuty(team: Team, now: Date): string {
  const onDuty = supervisorOnDuty(team, now);
  if (team.duty === undefined)
    return `On duty: ${named(onDuty)}, always (no duty roster is configured: the first supervisor takes every escalation).`;
  const { duty } = team;
  const holiday = isDutyHoliday(duty, now) ? ' (a holiday)' : '';
  const fallback = team.agents.find((a) => a.agentId === duty.fallback && a.role === 'supervisor');
  const next = nextOnDuty(team, now);
  return [
    `On duty now${holiday}: ${named(onDuty)}.`,
    next === undefined
      ? 'Next: nobody else within the coming week.'
      : `Next: ${named(next.agent)} from ${shortLocalTime(next.from, duty.timeZone)}.`,
    `Fallback: ${fallback === undefined ? `${duty.fallback} is no longer a supervisor; the first supervisor stands in` : named(fallback)}; holidays: ${duty.onHolidays ?? duty.fallback}. Shifts are read in ${duty.timeZone}.`,
  ].join('\n');
}

/**
 * What a team change means for the duty roster: a supervisor the roster names who is a supervisor no
 * longer leaves their shifts (or the holidays, or the fallback) to whoever stands in; '' otherwise.
 */
export function rosterNote(team: Team, agentId: string): string {
  const { duty } = team;
  if (duty === undefined || team.agents.some((a) => a.agentId === agentId && a.role === 'supervisor')) return '';
  const roles = [
    ...(duty.shifts.some((s) => s.agentId === agentId) ? ['shifts'] : []),
    ...((duty.onHolidays ?? duty.fallback) === agentId ? ['the holidays'] : []),
    ...(duty.fallback === agentId ? ['the fallback'] : []),
  ];
  if (roles.length === 0) return '';
  const standIn = supervisorOnDuty({ ...team, duty: { ...duty, shifts: [], onHolidays: duty.fallback } }, new Date(0));
  return `${agentId} is on the duty roster (${roles.join(', ')}): ${standIn.agentId} ${standIn.name} stands in until the roster is changed (support.duty in cdk.json, then delete the stored team to take it).`;
}

const named = (agent: Agent) => `${agent.agentId} ${agent.name} <${agent.email}>`;
