import * as z from './zod-mini.ts';

/** The team as the functions read it: from TEAM, or as stored in the case table by the support CLI. */
export const teamSchema = z.object({
  agents: z
    .array(
      z.object({ name: z.string(), email: z.string(), agentId: z.string(), role: z.enum(['agent', 'supervisor']) }),
    )
    .check(z.minLength(1)),
  teamAddress: z.string(),
  engineeringAddress: z.string(),
  duty: z.optional(
    z.object({
      timeZone: z.string(),
      holidays: z.array(z.string()),
      shifts: z.array(
        z.object({
          agentId: z.string(),
          weekly: z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), z.array(z.string())),
        }),
      ),
      onHolidays: z.optional(z.string()),
      fallback: z.string(),
    }),
  ),
});
