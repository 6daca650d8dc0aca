import { z } from 'zod';

/** What the deployed report mail function answers (ReportMailOutcome), checked before the CLI prints it. */
export const reportMailOutcomeSchema = z.object({
  kind: z.enum(['weekly-digest', 'agent-monthly']),
  off: z.string().optional(),
  sent: z.array(z.string()),
  alreadySent: z.array(z.string()),
});
