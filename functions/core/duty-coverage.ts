/**
 * Whether a duty roster keeps a supervisor on duty every hour of the week, checked on the local
 * wall clock (where shifts are written). A week covered on the wall clock is covered at every
 * instant: a spring-forward hour does not exist, and a repeated fall-back hour belongs to whoever
 * holds that clock time both times. Holidays need no check: the holiday supervisor has them whole.
 */
import { minutesOfInterval, OPENING_INTERVAL_PATTERN, type Weekday } from './business-hours.ts';
import type { DutyShift } from './duty-roster.ts';

const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_MINUTES = 24 * 60;

/** The stretches of the week no shift covers, as 'mon 17:00-24:00'; none when every minute is covered. */
export function uncoveredDutyHours(shifts: readonly Pick<DutyShift, 'weekly'>[]): string[] {
  const gaps: string[] = [];
  for (const day of WEEK) {
    const covered = shifts
      .flatMap((shift) => shift.weekly[day] ?? [])
      .map((interval) => OPENING_INTERVAL_PATTERN.exec(interval))
      .filter((match) => match !== null)
      .map((match) => minutesOfInterval(match))
      .sort((a, b) => a[0] - b[0]);
    let reached = 0;
    for (const [opens, closes] of covered) {
      if (opens > reached) gaps.push(`${day} ${clock(reached)}-${clock(opens)}`);
      reached = Math.max(reached, closes);
    }
    if (reached < DAY_MINUTES) gaps.push(`${day} ${clock(reached)}-${clock(DAY_MINUTES)}`);
  }
  return gaps;
}

/** What the roster names that the team does not have: each agent ID that is not one of its supervisors, in words. */
export function unknownDutySupervisors(
  roster: {
    readonly shifts: readonly Pick<DutyShift, 'agentId'>[];
    readonly fallback: string;
    readonly onHolidays?: string;
  },
  agents: readonly { readonly agentId: string; readonly role: string }[],
): string[] {
  const supervisors = new Set(agents.filter((a) => a.role === 'supervisor').map((a) => a.agentId));
  const named = [
    ...roster.shifts.map((shift, index) => [`shifts.${index}`, shift.agentId] as const),
    ['fallback', roster.fallback] as const,
    ...(roster.onHolidays === undefined ? [] : [['onHolidays', roster.onHolidays] as const]),
  ];
  return named
    .filter(([, agentId]) => !supervisors.has(agentId))
    .map(([where, agentId]) => `${where}: ${agentId} is not a supervisor of the team (agents with role "supervisor")`);
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
