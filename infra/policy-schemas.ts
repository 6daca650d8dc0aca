import { z } from 'zod';
import {
  DEFAULT_BUSINESS_HOURS,
  describeOpeningIntervalProblem,
  isKnownTimeZone,
  type BusinessHours,
} from '../functions/core/business-hours.ts';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from '../functions/core/case-lifecycle.ts';
import { DEFAULT_FLOOD_LIMITS } from '../functions/core/flood-guard.ts';
import { DEFAULT_SLA_POLICY, type TargetHours } from '../functions/core/sla-clock.ts';

/*
 * The policies a team tunes in the `support` configuration (config.ts): business hours, response
 * targets, closing the loop, flood limits. Each schema gives the core's default for what is left out.
 */

/** A domain name: the support domain, and the domains flood limits leave unbounded. */
export const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    'must be a domain name such as help.example.com',
  );

const openingIntervals = z.array(
  z.string().superRefine((interval, ctx) => {
    const problem = describeOpeningIntervalProblem(interval);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** Mutable copies of the defaults: zod's output types have mutable arrays, the core's constants are readonly. */
const defaultWeekly = () =>
  Object.fromEntries(Object.entries(DEFAULT_BUSINESS_HOURS.weekly).map(([day, intervals]) => [day, [...intervals]]));
export const defaultBusinessHours = () => ({
  timeZone: DEFAULT_BUSINESS_HOURS.timeZone,
  weekly: defaultWeekly(),
  holidays: [...DEFAULT_BUSINESS_HOURS.holidays],
});

export const businessHoursSchema = z.object({
  /** IANA time zone the hours and holidays are read in, e.g. Europe/Berlin. */
  timeZone: z.string().refine(isKnownTimeZone, {
    error: (issue) => `${String(issue.input)} is not a known time zone; use an IANA name such as Europe/Berlin`,
  }),
  /** Opening intervals per weekday ('HH:MM-HH:MM'); a missing day is closed. Default Monday to Friday 09:00-17:00. */
  weekly: z
    .strictObject(
      {
        mon: openingIntervals,
        tue: openingIntervals,
        wed: openingIntervals,
        thu: openingIntervals,
        fri: openingIntervals,
        sat: openingIntervals,
        sun: openingIntervals,
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? `${issue.keys.join(', ')} is not a weekday; use mon, tue, wed, thu, fri, sat or sun`
            : undefined,
      },
    )
    .partial()
    .default(defaultWeekly)
    .refine((weekly) => Object.values(weekly).some((intervals) => intervals.length > 0), {
      message:
        'open at least one weekday (such as mon: ["09:00-17:00"]); a calendar that never opens never reaches a deadline',
    }),
  /** Local dates closed all day. Default none. */
  holidays: z
    .array(z.iso.date({ error: (issue) => `${String(issue.input)} is not a date; write YYYY-MM-DD` }))
    .default([]),
}) satisfies z.ZodType<BusinessHours>;

/**
 * Longest target, in business hours, and largest re-escalation multiple: together they keep every
 * deadline (at most 5 × 1,000 business hours, about 2.5 years of 8-hour weekdays) inside the
 * calendar's search window (MAX_SEARCH_DAYS), so no case's checks can fail to be scheduled.
 */
const MAX_TARGET_HOURS = 1000;
const MAX_RE_ESCALATION = 5;
const businessHoursTarget = z
  .number({ error: 'must be a number of business hours, such as 4' })
  .positive('must be more than 0 business hours')
  .max(MAX_TARGET_HOURS, `must be at most ${MAX_TARGET_HOURS} business hours`);
const targetHours = z.strictObject({
  firstResponse: businessHoursTarget,
  nextResponse: businessHoursTarget,
  resolution: businessHoursTarget,
}) satisfies z.ZodType<TargetHours>;
const defaultTargets = (priority: keyof typeof DEFAULT_SLA_POLICY.byPriority) => () => ({
  ...DEFAULT_SLA_POLICY.byPriority[priority],
});
/** Every priority's default targets, fresh (mutable) each time. */
export const defaultByPriority = () => ({
  urgent: defaultTargets('urgent')(),
  high: defaultTargets('high')(),
  normal: defaultTargets('normal')(),
  low: defaultTargets('low')(),
});

const WARN_SHARE = 'must be a share of the target between 0 and 1, such as 0.75';
export const responseTargetsSchema = z.object({
  /** Share of a target at which the case's holder is warned. Default 0.75. */
  warnAt: z.number().gt(0, WARN_SHARE).max(1, WARN_SHARE).default(DEFAULT_SLA_POLICY.warnAt),
  /** Multiple of a target at which a standing breach goes to the supervisor again. Default 2. */
  reEscalateAt: z
    .number()
    .gt(1, 'must be a multiple of the target above 1, such as 2')
    .max(MAX_RE_ESCALATION, `must be at most ${MAX_RE_ESCALATION} times the target`)
    .default(DEFAULT_SLA_POLICY.reEscalateAt),
  /** Business hours per priority; a priority left out keeps its default (normal: 4 / 8 / 40). */
  byPriority: z
    .strictObject({
      urgent: targetHours.default(defaultTargets('urgent')),
      high: targetHours.default(defaultTargets('high')),
      normal: targetHours.default(defaultTargets('normal')),
      low: targetHours.default(defaultTargets('low')),
    })
    .default(defaultByPriority),
});

const MINUTES_PER_DAY = 24 * 60;
const days = (what: string, min: number, max: number) =>
  z
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max} ${what}`);
export const closingSchema = z.object({
  /** Days after solving in which a customer's reply reopens the case; later replies open a new, linked case. Default 7. */
  reopenWithinDays: days('days', 0, 365).default(DEFAULT_LIFECYCLE_POLICY.reopenWithinDays),
  /** Days a survey link works (the rating can be changed within them). Default 28. */
  surveyLinkDays: days('days', 1, 90).default(DEFAULT_LIFECYCLE_POLICY.surveyLinkDays),
  /** Business days a pending case waits before a friendly nudge to the customer; 0 switches nudges off. Default 3. */
  nudgeAfterBusinessDays: days('business days', 0, 60).default(DEFAULT_LIFECYCLE_POLICY.nudgeAfterBusinessDays),
  /** Business days after the nudge until a silent pending case is solved with a closing message; 0 never. Default 4. */
  autoSolveAfterBusinessDays: days('business days', 0, 60).default(DEFAULT_LIFECYCLE_POLICY.autoSolveAfterBusinessDays),
  /**
   * Business minutes one of those business days lasts, instead of a calendar day with opening
   * hours. Leave it unset for a real team; `npm start -- --demo` sets it to see follow-ups in minutes.
   */
  businessDayMinutes: z
    .number()
    .positive('must be more than 0 minutes')
    .max(MINUTES_PER_DAY, `must be at most ${MINUTES_PER_DAY} minutes`)
    .optional(),
  /**
   * Survey answers that reopen a solved case for a follow-up: the agent who solved it and the
   * supervisor on duty are mailed at once. Default ["not-good"]; add "okay" to follow that up too.
   */
  followUpOn: z
    .array(z.enum(['not-good', 'okay'], { error: 'must be "not-good" or "okay"' }))
    .refine(
      (answers) => answers.includes('not-good'),
      'must include "not-good": an unhappy customer always reaches a person',
    )
    .optional(),
  /** Business hours from such a rating to a person's answer (warned, breached and escalated as every target). Default 1. */
  followUpResponseHours: businessHoursTarget.optional(),
  /** Whether a "Great" with a comment is mailed to the agent it was for, in the customer's words. Default true. */
  thankAgentOnGreat: z.boolean().optional(),
  /** Public address of the survey page (e.g. behind your own domain). Default: the survey function's URL. */
  surveyUrl: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional(),
}) satisfies z.ZodType<LifecyclePolicy & { surveyUrl?: string }>;

/**
 * Highest bounds accepted: far above any person's pace, low enough that a typo (an extra zero or
 * three) still leaves a flood something to stop.
 */
const MAX_NEW_CASES_PER_SENDER_PER_HOUR = 1000;
const MAX_NEW_CASES_PER_DOMAIN_PER_HOUR = 100_000;
const casesPerHour = (max: number) =>
  z
    .number({ error: 'must be a whole number of new cases an hour' })
    .int('must be a whole number of new cases an hour')
    .min(1, 'must be at least 1 new case an hour')
    .max(max, `must be at most ${max} new cases an hour`);
export const limitsSchema = z.object({
  /** New cases one address may open per hour; later new mail from it is filed into its latest case of the hour. Default 10. */
  newCasesPerSenderPerHour: casesPerHour(MAX_NEW_CASES_PER_SENDER_PER_HOUR).default(
    DEFAULT_FLOOD_LIMITS.newCasesPerSenderPerHour,
  ),
  /** New cases one sending domain may open per hour (all its addresses together). Default 50. */
  newCasesPerDomainPerHour: casesPerHour(MAX_NEW_CASES_PER_DOMAIN_PER_HOUR).default(
    DEFAULT_FLOOD_LIMITS.newCasesPerDomainPerHour,
  ),
  /**
   * Domains with no domain bound, besides the built-in big mailbox providers (gmail.com,
   * outlook.com ...: FREE_MAIL_DOMAINS), whose users are unrelated people. Each address is still
   * bounded. Default none.
   */
  unboundedDomains: z.array(hostname).default([]),
});
