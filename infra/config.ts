import { z } from 'zod';
import { DEFAULT_LIFECYCLE_POLICY } from '../functions/core/case-lifecycle.ts';
import { DEFAULT_FILE_POLICY } from '../functions/core/case-files.ts';
import { DEFAULT_FLOOD_LIMITS } from '../functions/core/flood-guard.ts';
import { DEFAULT_REPORT_POLICY } from '../functions/core/report-policy.ts';
import { DEFAULT_SLA_POLICY } from '../functions/core/sla-clock.ts';
import { dutyProblems, dutySchema } from './duty-schema.ts';
import {
  businessHoursSchema,
  closingSchema,
  defaultBusinessHours,
  defaultByPriority,
  hostname,
  limitsSchema,
  responseTargetsSchema,
} from './policy-schemas.ts';

/** SES receives mail only in these regions (SES developer guide, "Email receiving endpoints"). */
export const SES_RECEIVING_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'il-central-1',
] as const;

/** Longest: ten years, past any statutory retention period a helpdesk is held to. */
const MAX_RETENTION_DAYS = 3650;

/** `reports`: see ReportPolicy. */
const reportsSchema = z.object({
  minRatingsToRank: z.number().int().min(1).max(1000).default(DEFAULT_REPORT_POLICY.minRatingsToRank),
  weeklyDigest: z.boolean().default(DEFAULT_REPORT_POLICY.weeklyDigest),
  monthlyAgentMail: z.boolean().default(DEFAULT_REPORT_POLICY.monthlyAgentMail),
});

/** One person who answers, as configured in cdk.json or added with `support agents add`. */
export const agentSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(78)
    .regex(/^[^\r\n<>"]+$/, 'must not contain line breaks, quotes or angle brackets'),
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
    ...(agents.some((a) => a.role === 'supervisor')
      ? []
      : ['configure at least one agent with role "supervisor": escalations and breaches need someone on duty']),
    ...(unique(agents.map((a) => a.email)) ? [] : ['two agents share an email address']),
    ...(unique(agents.map((a) => a.agentId)) ? [] : ['two agents share an agentId']),
    ...([...agents.map((a) => a.email), team.teamAddress, team.engineeringAddress].some(onDomain)
      ? [
          'agent, team and engineering addresses must not be on the support domain (mail to it comes back into the pipeline)',
        ]
      : []),
  ];
}

/**
 * Most bytes of files one notification may carry: base64 makes 25 MiB of files about 35 MB of mail,
 * which leaves room for the text under the 40 MB SES sends.
 */
const MAX_ATTACH_BYTES_PER_NOTIFICATION = 25 * 1024 * 1024;
const filesSchema = z.object({
  /** Bytes of a message's files attached to one notification; past them each file is a download link. Default 10 MiB; 0 sends links only. */
  attachBytesPerNotification: z
    .number()
    .int()
    .min(0)
    .max(MAX_ATTACH_BYTES_PER_NOTIFICATION)
    .default(DEFAULT_FILE_POLICY.attachBytesPerNotification),
  /** Days a download link works. Default 7. */
  linkDays: z.number().int().min(1).max(90).default(DEFAULT_FILE_POLICY.linkDays),
});

/** Deployment configuration: the `support` object in cdk.json context (or `-c support=...`). */
export const supportConfigSchema = z
  .object({
    /** Domain that receives mail (its MX points at SES) and sends it (DKIM-verified identity). */
    domain: hostname,
    /** The address customers write to; must be on `domain`. */
    supportAddress: z.email('must be an email address such as support@help.example.com'),
    /** Display name on every message we send. */
    displayName: z
      .string()
      .trim()
      .min(1)
      .max(78)
      .regex(/^[^\r\n<>"]+$/, 'must not contain line breaks, quotes or angle brackets'),
    /** AWS region; must be one where SES receives mail. */
    region: z.enum(SES_RECEIVING_REGIONS, {
      error: (issue) =>
        `${String(issue.input)} has no SES email receiving; use one of ${SES_RECEIVING_REGIONS.join(', ')}`,
    }),
    /** Largest message read in full; bigger ones are opened from their first part and flagged. Default 10 MiB. */
    maxMessageBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(40 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** Days the raw messages are kept in S3 before they expire. Default 365. */
    rawMailRetentionDays: z.number().int().min(1).default(365),
    /** Automatic messages (acknowledgements) one address may get per hour; stops auto-responder loops. Default 5. */
    autoReplyLimitPerHour: z.number().int().min(1).max(100).default(5),
    /** Bounds on floods of new mail, per sender and per sending domain. Mail from agents is never bounded. */
    limits: limitsSchema.default(() => ({
      newCasesPerSenderPerHour: DEFAULT_FLOOD_LIMITS.newCasesPerSenderPerHour,
      newCasesPerDomainPerHour: DEFAULT_FLOOD_LIMITS.newCasesPerDomainPerHour,
      unboundedDomains: [],
    })),
    /** The people who answer. Their mail must pass DMARC (their domain publishes a DMARC record). */
    agents: z.array(agentSchema).min(1, 'configure at least one agent'),
    /** Where notifications go while a case has nobody assigned (a list or group address). */
    teamAddress: z.email('must be an email address'),
    /** Where `#bug` hands a case to engineering. */
    engineeringAddress: z.email('must be an email address'),
    /**
     * How long solved cases are kept: `solvedCaseDays` after solving, DynamoDB TTL removes the case,
     * its messages and lookups (a reopen keeps it). Default none: cases are kept for ever.
     */
    retention: z
      .strictObject({
        solvedCaseDays: z
          .number({ error: 'must be a whole number of days, such as 365' })
          .int('must be a whole number of days')
          .min(1, 'must be at least 1 day')
          .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`),
      })
      .optional(),
    /** Which supervisor is on duty when (on the business calendar's clock). Default none: the first supervisor always. */
    duty: dutySchema.optional(),
    /** When the team works; response targets count only this time. Default Monday to Friday 09:00-17:00 UTC. */
    businessHours: businessHoursSchema.default(defaultBusinessHours),
    /** Response-time targets per priority, with warning and re-escalation points. Default DEFAULT_SLA_POLICY. */
    responseTargets: responseTargetsSchema.default(() => ({
      warnAt: DEFAULT_SLA_POLICY.warnAt,
      reEscalateAt: DEFAULT_SLA_POLICY.reEscalateAt,
      byPriority: defaultByPriority(),
    })),
    /** Closing the loop: reopening, survey links and follow-ups on pending cases. Default DEFAULT_LIFECYCLE_POLICY. */
    closing: closingSchema.default(() => ({ ...DEFAULT_LIFECYCLE_POLICY })),
    /** Customer files in notifications: bytes attached to one (the rest as links), and days a download link works. */
    files: filesSchema.default(() => ({ ...DEFAULT_FILE_POLICY })),
    /**
     * The label of the custom MAIL FROM domain under `domain` (`bounce` gives bounce.help.example.com):
     * the envelope sender of our mail, whose MX and SPF records make SPF pass and align for DMARC.
     * It must not receive mail of its own. Default `bounce`.
     */
    mailFromSubdomain: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i,
        'must be one DNS label such as bounce (letters, digits and dashes)',
      )
      .default('bounce'),
    /** Reports: who is ranked, the weekly digest to supervisors, each agent's monthly mail. Default DEFAULT_REPORT_POLICY. */
    reports: reportsSchema.default(() => ({ ...DEFAULT_REPORT_POLICY })),
    /** Where alarms are mailed (SNS asks the address to confirm once). Default none: alarms reach the stack's alarm topic only. */
    alarmEmail: z.email('must be an email address').optional(),
  })
  .superRefine((c, ctx) => {
    for (const message of teamRuleProblems(c, c.domain)) ctx.addIssue({ code: 'custom', message, path: ['agents'] });
    const { reopenWithinDays, surveyLinkDays } = c.closing;
    if (c.retention !== undefined && c.retention.solvedCaseDays < Math.max(reopenWithinDays, surveyLinkDays))
      ctx.addIssue({
        code: 'custom',
        path: ['retention', 'solvedCaseDays'],
        message: `must be at least closing.reopenWithinDays (${reopenWithinDays}) and closing.surveyLinkDays (${surveyLinkDays}): a solved case still takes replies and votes until then`,
      });
    if (c.duty !== undefined)
      for (const message of dutyProblems(c.duty, c.agents, c.businessHours.timeZone))
        ctx.addIssue({ code: 'custom', message, path: ['duty'] });
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
