import { FALLBACK_LANGUAGE } from '../functions/core/queues.ts';
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
import { languageSchema, queueSchema, signatureSchema, templatesFolderSchema } from './queue-schema.ts';
import { queueRuleProblems, receivingDomains } from './queue-rules.ts';
import { agentSchema, displayNameSchema, teamRuleProblems } from './team-schema.ts';

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
    displayName: displayNameSchema,
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
    /**
     * More support addresses, each a queue of its own (see queue-schema.ts); the top-level fields
     * are the default queue's, which also takes mail to any other address of a receiving domain.
     * Default none.
     */
    queues: z.array(queueSchema).default([]),
    /** ISO 639-1 code of the default queue's language: its team's mail, and a case whose customer's cannot be told. Default en. */
    language: languageSchema.default(FALLBACK_LANGUAGE),
    /** Plain-text lines under everything the default queue writes to its customers. Default none. */
    signature: signatureSchema.optional(),
    /** A folder under templates/queues/ whose files replace the shared ones for the default queue. Default none. */
    templates: templatesFolderSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const domains = receivingDomains(c);
    for (const message of teamRuleProblems(c, domains)) ctx.addIssue({ code: 'custom', message, path: ['agents'] });
    for (const { path, message } of queueRuleProblems(c, domains))
      ctx.addIssue({ code: 'custom', message, path: [...path] });
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
  const problems = result.error.issues.map((i) => `  - support${fieldName(i.path, raw)}: ${i.message}`);
  throw new SupportConfigError(`Invalid support configuration in cdk.json context:\n${problems.join('\n')}`);
}

/**
 * `.agents`, or for a queue `.queues[1] (billing).address`: the index and the id a person wrote,
 * so a problem in the fifth queue says which one it is.
 */
function fieldName(path: ReadonlyArray<PropertyKey>, raw: unknown): string {
  if (path.length === 0) return '.(root)';
  const [first, index, ...rest] = path;
  if (first !== 'queues' || typeof index !== 'number') return `.${path.map(String).join('.')}`;
  const queues = typeof raw === 'object' && raw !== null && 'queues' in raw ? raw.queues : undefined;
  const entry: unknown = Array.isArray(queues) ? queues[index] : undefined;
  const id = typeof entry === 'object' && entry !== null && 'id' in entry ? entry.id : undefined;
  const named = `.queues[${index}]${typeof id === 'string' && id !== '' ? ` (${id})` : ''}`;
  return rest.length === 0 ? named : `${named}.${rest.map(String).join('.')}`;
}
