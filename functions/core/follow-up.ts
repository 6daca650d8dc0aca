/**
 * Following up on a case that waits on the customer: a friendly nudge after some quiet business
 * days, then, if they stay silent, the case is solved for them with a closing message. Timed
 * through the same SQS checks as the response-time targets, and recognised as stale the same way:
 * a check names the pending span it was scheduled for, so once the customer answers (or the case
 * goes pending again) older checks no longer match.
 */
import { addBusinessDays, addBusinessMinutes } from './business-calendar.ts';
import type { BusinessHours } from './business-hours.ts';
import type { LifecyclePolicy } from './case-lifecycle.ts';
import type { CheckVerdict, SlaCheck } from './sla-clock.ts';
import type { SupportCase } from './support-case.ts';

export type FollowUpStage = 'nudge' | 'auto-solve';

export interface FollowUpCheck {
  readonly caseNumber: number;
  readonly target: 'pending-follow-up';
  readonly stage: FollowUpStage;
  /** The instant the stage is due (ISO). */
  readonly dueAt: string;
  /** When the case went pending (ISO): a later pending span makes this check stale. */
  readonly clockStart: string;
}

/** Every timed check a case can have on the queue. */
export type CaseCheck = SlaCheck | FollowUpCheck;

export function isFollowUpCheck(check: CaseCheck): check is FollowUpCheck {
  return check.target === 'pending-follow-up';
}

/** The follow-ups a case's state calls for: none unless it is pending. */
export function scheduleFollowUps(
  supportCase: SupportCase,
  policy: LifecyclePolicy,
  hours: BusinessHours,
): FollowUpCheck[] {
  const since = pendingSince(supportCase);
  if (since === undefined) return [];
  const stages: FollowUpStage[] = ['nudge', 'auto-solve'];
  return stages.flatMap((stage) => {
    const due = dueOf(stage, since, policy, hours);
    return due === undefined
      ? []
      : [
          {
            caseNumber: supportCase.caseNumber,
            target: 'pending-follow-up' as const,
            stage,
            dueAt: due.toISOString(),
            clockStart: since,
          },
        ];
  });
}

/** Whether a delivered follow-up still applies: same pending span, same due time, and due. */
export function evaluateFollowUp(
  check: FollowUpCheck,
  supportCase: SupportCase,
  policy: LifecyclePolicy,
  hours: BusinessHours,
  now: Date,
): CheckVerdict {
  const since = pendingSince(supportCase);
  if (since === undefined)
    return { action: 'stale', reason: `case #${supportCase.caseNumber} no longer waits on the customer` };
  if (since !== check.clockStart) return { action: 'stale', reason: `the case went pending again at ${since}` };
  const due = dueOf(check.stage, since, policy, hours);
  if (due === undefined || due.toISOString() !== check.dueAt)
    return {
      action: 'stale',
      reason: `the ${check.stage} is now due at ${due?.toISOString() ?? 'no time (switched off)'}`,
    };
  return now < due ? { action: 'wait', until: due } : { action: 'fire' };
}

/** When the case started waiting on the customer, if it is waiting now. */
export function pendingSince(supportCase: SupportCase): string | undefined {
  const span = supportCase.pendingSpans?.at(-1);
  return supportCase.status === 'pending' && span !== undefined && span.to === undefined ? span.from : undefined;
}

function dueOf(stage: FollowUpStage, since: string, policy: LifecyclePolicy, hours: BusinessHours): Date | undefined {
  const start = new Date(since);
  const after = (days: number) =>
    policy.businessDayMinutes === undefined
      ? addBusinessDays(hours, start, days)
      : addBusinessMinutes(hours, start, days * policy.businessDayMinutes);
  if (stage === 'nudge') return policy.nudgeAfterBusinessDays === 0 ? undefined : after(policy.nudgeAfterBusinessDays);
  return policy.autoSolveAfterBusinessDays === 0
    ? undefined
    : after(policy.nudgeAfterBusinessDays + policy.autoSolveAfterBusinessDays);
}
