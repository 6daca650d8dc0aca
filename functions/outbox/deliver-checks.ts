import type { CheckQueue } from '../adapters/check-queue.ts';
import type { IntakeRecord } from '../core/intake-record.ts';

/**
 * The outbox step that hands an intake's timed checks on. A new case only adds checks; a change to
 * an existing case also deletes the schedules its earlier states left that it no longer calls for
 * (those created before the mail was received: a later mail's schedules are that mail's to judge).
 */
export function deliverChecks(
  intake: IntakeRecord,
  deps: { readonly checks: CheckQueue; readonly now: () => Date },
): Promise<void> {
  const checks = intake.slaChecks ?? [];
  if (intake.outcome === 'case-opened' || intake.caseNumber === undefined)
    return deps.checks.enqueue(checks, deps.now());
  return deps.checks.replace(intake.caseNumber, checks, deps.now(), new Date(intake.receivedAt));
}
