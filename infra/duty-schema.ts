import { z } from 'zod';
import { describeOpeningIntervalProblem } from '../functions/core/business-hours.ts';
import { uncoveredDutyHours, unknownDutySupervisors } from '../functions/core/duty-coverage.ts';
import type { DutyRoster } from '../functions/core/duty-roster.ts';

const dutyIntervals = z.array(
  z.string().superRefine((interval, ctx) => {
    const problem = describeOpeningIntervalProblem(interval);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/**
 * The supervisors' duty roster (`support.duty`): weekly shifts on the business calendar's clock,
 * who has the holidays, and a fallback. Default none: the first supervisor is always on duty.
 */
export const dutySchema = z.object({
  /** Weekly shifts; together they must cover every hour of the week. Where two overlap, the first listed is on duty. */
  shifts: z
    .array(
      z.object({
        agentId: z.string(),
        weekly: z
          .strictObject({
            mon: dutyIntervals,
            tue: dutyIntervals,
            wed: dutyIntervals,
            thu: dutyIntervals,
            fri: dutyIntervals,
            sat: dutyIntervals,
            sun: dutyIntervals,
          })
          .partial(),
      }),
    )
    .min(1, 'give at least one shift'),
  /** Who is on duty all day on the business calendar's holidays. Default the fallback. */
  onHolidays: z.string().optional(),
  /** Who is on duty when a rostered supervisor has left the team (or their role) since. */
  fallback: z.string(),
});

export type DutyConfig = z.infer<typeof dutySchema>;

/** What is wrong with a roster for this team, each problem in words: names that are not supervisors, and every uncovered hour. */
export function dutyProblems(
  duty: DutyConfig,
  agents: readonly { agentId: string; role: string }[],
  timeZone: string,
): string[] {
  const gaps = uncoveredDutyHours(duty.shifts);
  return [
    ...unknownDutySupervisors(duty, agents),
    ...(gaps.length === 0
      ? []
      : [
          `the shifts leave these hours of the week (${timeZone}) without a supervisor on duty: ${gaps.join(', ')}; add shifts that cover them (the fallback is only for a supervisor who has left)`,
        ]),
  ];
}

/** The roster as the functions read it: on the business calendar's clock and holidays. */
export function dutyRoster(duty: DutyConfig, calendar: { timeZone: string; holidays: readonly string[] }): DutyRoster {
  return { timeZone: calendar.timeZone, holidays: [...calendar.holidays], ...duty };
}
