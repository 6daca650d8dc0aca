import { DEFAULT_REPORT_POLICY, type ReportPolicy } from '../core/report-policy.ts';
import * as z from './zod-mini.ts';

const reportPolicySchema = z.object({
  minRatingsToRank: z.number().check(z.int(), z.positive()),
  weeklyDigest: z.boolean(),
  monthlyAgentMail: z.boolean(),
});

/** Thrown when REPORT_POLICY is set but not a report policy. */
export class ReportSettingError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReportSettingError';
  }
}

/**
 * The report policy from REPORT_POLICY (JSON written from the validated deployment config); the
 * defaults for a stack deployed before the variable existed.
 */
export function readReportPolicy(env: NodeJS.ProcessEnv = process.env): ReportPolicy {
  const raw = env.REPORT_POLICY;
  if (raw === undefined || raw === '') return DEFAULT_REPORT_POLICY;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new ReportSettingError('REPORT_POLICY is not JSON', { cause: error });
  }
  const parsed = reportPolicySchema.safeParse(value);
  if (!parsed.success) throw new ReportSettingError(`REPORT_POLICY is not a report policy: ${parsed.error.message}`);
  return parsed.data;
}
