import { z } from 'zod';

/** SES receives mail only in these regions (SES developer guide, "Email receiving endpoints"). */
export const SES_RECEIVING_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'ap-northeast-1', 'ap-northeast-2',
  'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'il-central-1',
] as const;

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name such as help.example.com');

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
    /** First-response target promised in the acknowledgement, in hours. Default 4. */
    firstResponseHours: z.number().positive().max(24 * 14).default(4),
    /** Largest message read in full; bigger ones are opened from their first part and flagged. Default 10 MiB. */
    maxMessageBytes: z.number().int().min(64 * 1024).max(40 * 1024 * 1024).default(10 * 1024 * 1024),
    /** Days the raw messages are kept in S3 before they expire. Default 365. */
    rawMailRetentionDays: z.number().int().min(1).default(365),
    /** Automatic messages (acknowledgements) one address may get per hour; stops auto-responder loops. Default 5. */
    autoReplyLimitPerHour: z.number().int().min(1).max(100).default(5),
    /** The people who answer. Their mail must pass DMARC (their domain publishes a DMARC record). */
    agents: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(78).regex(/^[^\r\n<>"]+$/, 'must not contain line breaks, quotes or angle brackets'),
          email: z.email('must be an email address'),
          agentId: z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'must be 1-20 letters, digits or dashes'),
          role: z.enum(['agent', 'supervisor']).default('agent'),
        }),
      )
      .min(1, 'configure at least one agent'),
    /** Where notifications go while a case has nobody assigned (a list or group address). */
    teamAddress: z.email('must be an email address'),
    /** Where `#bug` hands a case to engineering. */
    engineeringAddress: z.email('must be an email address'),
  })
  .refine((c) => c.agents.some((a) => a.role === 'supervisor'), { message: 'configure at least one agent with role "supervisor": escalations and breaches need someone on duty', path: ['agents'] })
  .refine((c) => new Set(c.agents.map((a) => a.email.toLowerCase())).size === c.agents.length, { message: 'two agents share an email address', path: ['agents'] })
  .refine((c) => new Set(c.agents.map((a) => a.agentId.toLowerCase())).size === c.agents.length, { message: 'two agents share an agentId', path: ['agents'] })
  .refine((c) => [...c.agents.map((a) => a.email), c.teamAddress, c.engineeringAddress].every((e) => !e.toLowerCase().endsWith(`@${c.domain.toLowerCase()}`)), {
    message: 'agent, team and engineering addresses must not be on the support domain (mail to it comes back into the pipeline)',
    path: ['agents'],
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
