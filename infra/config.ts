import { z } from 'zod';
import { DEFAULT_BUSINESS_HOURS, describeOpeningIntervalProblem, isKnownTimeZone, type BusinessHours } from '../functions/core/business-calendar.ts';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from '../functions/core/case-lifecycle.ts';
import { DEFAULT_FLOOD_LIMITS } from '../functions/core/flood-guard.ts';
import { DEFAULT_SLA_POLICY, type TargetHours } from '../functions/core/sla-clock.ts';

/** SES receives mail only in these regions (SES developer guide, "Email receiving endpoints"). */
export const SES_RECEIVING_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'ap-northeast-1', 'ap-northeast-2',
  'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'il-central-1',
] as const;

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name such as help.example.com');

const openingIntervals = z.array(z.string().superRefine((interval, ctx) => {
  const problem = describeOpeningIntervalProblem(interval);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
}));

/** Mutable copies of the defaults: zod's output types have mutable arrays, the core's constants are readonly. */
const defaultWeekly = () => Object.fromEntries(Object.entries(DEFAULT_BUSINESS_HOURS.weekly).map(([day, intervals]) => [day, [...intervals]]));
const defaultBusinessHours = () => ({ timeZone: DEFAULT_BUSINESS_HOURS.timeZone, weekly: defaultWeekly(), holidays: [...DEFAULT_BUSINESS_HOURS.holidays] });

const businessHoursSchema = z.object({
  /** IANA time zone the hours and holidays are read in, e.g. Europe/Berlin. */
  timeZone: z.string().refine(isKnownTimeZone, { error: (issue) => `${String(issue.input)} is not a known time zone; use an IANA name such as Europe/Berlin` }),
  /** Opening intervals per weekday ('HH:MM-HH:MM'); a missing day is closed. Default Monday to Friday 09:00-17:00. */
  weekly: z
    .strictObject({ mon: openingIntervals, tue: openingIntervals, wed: openingIntervals, thu: openingIntervals, fri: openingIntervals, sat: openingIntervals, sun: openingIntervals }, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')} is not a weekday; use mon, tue, wed, thu, fri, sat or sun` : undefined),
    })
    .partial()
    .default(defaultWeekly)
    .refine((weekly) => Object.values(weekly).some((intervals) => intervals.length > 0), { message: 'open at least one weekday (such as mon: ["09:00-17:00"]); a calendar that never opens never reaches a deadline' }),
  /** Local dates closed all day. Default none. */
  holidays: z.array(z.iso.date({ error: (issue) => `${String(issue.input)} is not a date; write YYYY-MM-DD` })).default([]),
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
const targetHours = z.strictObject({ firstResponse: businessHoursTarget, nextResponse: businessHoursTarget, resolution: businessHoursTarget }) satisfies z.ZodType<TargetHours>;
const defaultTargets = (priority: keyof typeof DEFAULT_SLA_POLICY.byPriority) => () => ({ ...DEFAULT_SLA_POLICY.byPriority[priority] });
const defaultByPriority = () => ({ urgent: defaultTargets('urgent')(), high: defaultTargets('high')(), normal: defaultTargets('normal')(), low: defaultTargets('low')() });

const WARN_SHARE = 'must be a share of the target between 0 and 1, such as 0.75';
const responseTargetsSchema = z.object({
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
  z.number({ error: `must be a whole number of ${what}` }).int(`must be a whole number of ${what}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max} ${what}`);
const closingSchema = z.object({
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
  businessDayMinutes: z.number().positive('must be more than 0 minutes').max(MINUTES_PER_DAY, `must be at most ${MINUTES_PER_DAY} minutes`).optional(),
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
  z.number({ error: 'must be a whole number of new cases an hour' }).int('must be a whole number of new cases an hour').min(1, 'must be at least 1 new case an hour').max(max, `must be at most ${max} new cases an hour`);
const limitsSchema = z.object({
  /** New cases one address may open per hour; later new mail from it is filed into its latest case of the hour. Default 10. */
  newCasesPerSenderPerHour: casesPerHour(MAX_NEW_CASES_PER_SENDER_PER_HOUR).default(DEFAULT_FLOOD_LIMITS.newCasesPerSenderPerHour),
  /** New cases one sending domain may open per hour (all its addresses together). Default 50. */
  newCasesPerDomainPerHour: casesPerHour(MAX_NEW_CASES_PER_DOMAIN_PER_HOUR).default(DEFAULT_FLOOD_LIMITS.newCasesPerDomainPerHour),
  /**
   * Domains with no domain bound, besides the built-in big mailbox providers (gmail.com,
   * outlook.com ...: FREE_MAIL_DOMAINS), whose users are unrelated people. Each address is still
   * bounded. Default none.
   */
  unboundedDomains: z.array(hostname).default([]),
});

/** One person who answers, as configured in cdk.json or added with `support agents add`. */
export const agentSchema = z.object({
  name: z.string().trim().min(1).max(78).regex(/^[^\r\n<>"]+$/, 'must not contain line breaks, quotes or angle brackets'),
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
 * each broken one in words; none when the team is sound.
 */
export function teamRuleProblems(team: TeamRuleInput, domain: string): string[] {
  const { agents } = team;
  const unique = (values: string[]) => new Set(values.map((v) => v.toLowerCase())).size === values.length;
  const onDomain = (address: string) => address.toLowerCase().endsWith(`@${domain.toLowerCase()}`);
  return [
    ...(agents.some((a) => a.role === 'supervisor') ? [] : ['configure at least one agent with role "supervisor": escalations and breaches need someone on duty']),
    ...(unique(agents.map((a) => a.email)) ? [] : ['two agents share an email address']),
    ...(unique(agents.map((a) => a.agentId)) ? [] : ['two agents share an agentId']),
    ...([...agents.map((a) => a.email), team.teamAddress, team.engineeringAddress].some(onDomain)
      ? ['agent, team and engineering addresses must not be on the support domain (mail to it comes back into the pipeline)']
      : []),
  ];
}

/** Deployment configuration: the `support` object in cdk.json context (or `-c support=...`). */
export const supportConfigSchema = z
  .object({
    /** Domain that receives mail (its MX points at SES) and sends it (DKIM-verified identity). */
    domain: hostname,
    /** The address customers write to; must be on `domain`. */
    supportAddress: z.email('must be an email address such as support@help.example.com'),
    /** Display name on every message we send. */
    displayName: z.string().trim().min(1).max(78).regex(/^[^\r\n<>"]+$/, 'must not contain line breaks, quotes or angle brackets'),
    /** AWS region; must be one where SES receives mail. */
    region: z.enum(SES_RECEIVING_REGIONS, { error: (issue) => `${String(issue.input)} has no SES email receiving; use one of ${SES_RECEIVING_REGIONS.join(', ')}` }),
    /** Largest message read in full; bigger ones are opened from their first part and flagged. Default 10 MiB. */
    maxMessageBytes: z.number().int().min(64 * 1024).max(40 * 1024 * 1024).default(10 * 1024 * 1024),
    /** Days the raw messages are kept in S3 before they expire. Default 365. */
    rawMailRetentionDays: z.number().int().min(1).default(365),
    /** Automatic messages (acknowledgements) one address may get per hour; stops auto-responder loops. Default 5. */
    autoReplyLimitPerHour: z.number().int().min(1).max(100).default(5),
    /** Bounds on floods of new mail, per sender and per sending domain. Mail from agents is never bounded. */
    limits: limitsSchema.default(() => ({ newCasesPerSenderPerHour: DEFAULT_FLOOD_LIMITS.newCasesPerSenderPerHour, newCasesPerDomainPerHour: DEFAULT_FLOOD_LIMITS.newCasesPerDomainPerHour, unboundedDomains: [] })),
    /** The people who answer. Their mail must pass DMARC (their domain publishes a DMARC record). */
    agents: z.array(agentSchema).min(1, 'configure at least one agent'),
    /** Where notifications go while a case has nobody assigned (a list or group address). */
    teamAddress: z.email('must be an email address'),
    /** Where `#bug` hands a case to engineering. */
    engineeringAddress: z.email('must be an email address'),
    /** When the team works; response targets count only this time. Default Monday to Friday 09:00-17:00 UTC. */
    businessHours: businessHoursSchema.default(defaultBusinessHours),
    /** Response-time targets per priority, with warning and re-escalation points. Default DEFAULT_SLA_POLICY. */
    responseTargets: responseTargetsSchema.default(() => ({ warnAt: DEFAULT_SLA_POLICY.warnAt, reEscalateAt: DEFAULT_SLA_POLICY.reEscalateAt, byPriority: defaultByPriority() })),
    /** Closing the loop: reopening, survey links and follow-ups on pending cases. Default DEFAULT_LIFECYCLE_POLICY. */
    closing: closingSchema.default(() => ({ ...DEFAULT_LIFECYCLE_POLICY })),
    /**
     * The label of the custom MAIL FROM domain under `domain` (`bounce` gives bounce.help.example.com):
     * the envelope sender of our mail, whose MX and SPF records make SPF pass and align for DMARC.
     * It must not receive mail of its own. Default `bounce`.
     */
    mailFromSubdomain: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, 'must be one DNS label such as bounce (letters, digits and dashes)')
      .default('bounce'),
    /** Where alarms are mailed (SNS asks the address to confirm once). Default none: alarms reach the stack's alarm topic only. */
    alarmEmail: z.email('must be an email address').optional(),
  })
  .superRefine((c, ctx) => {
    for (const message of teamRuleProblems(c, c.domain)) ctx.addIssue({ code: 'custom', message, path: ['agents'] });
  })
  .refine((c) => c.supportAddress.toLowerCase().endsWith(`@${c.domain.toLowerCase()}`), {
    message: 'supportAddress must be on the configured domain',
    path: ['supportAddress'],
  });

export type SupportConfig = z.infer<typeof supportConfigSchema>;

export class SupportConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SupportConfigError';
  }
}

/** Validates raw configuration and explains every problem in one message, field by field. */
export function parseSupportConfig(raw: unknown): SupportConfig {
  const result = supportConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  - support.${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new SupportConfigError(`Invalid support configuration in cdk.json context:\n${problems.join('\n')}`);
}
