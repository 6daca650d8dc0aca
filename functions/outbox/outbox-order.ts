import type { IntakeRecord } from '../core/intake-record.ts';

/** The outbox entry that queues the case's response-time checks rather than sending mail. */
export const SLA_CHECKS = 'sla-checks';

/**
 * Where an outbox entry goes in the sending order: checks, team mail, customer mail. A new case's
 * usual outbox then costs one filing, after the acknowledgement, and a function that dies between
 * two sends repeats at most a team notification, never mail the customer already has.
 */
export function sendOrder(intake: IntakeRecord, name: string): number {
  if (name === SLA_CHECKS) return 0;
  return intake.outbox[name]?.customerFacing ? 2 : 1;
}
