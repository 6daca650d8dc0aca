import type { CaseStore, IntakeRecord } from '../adapters/case-store.ts';
import type { CheckQueue } from '../adapters/check-queue.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import type { Team } from '../core/agents.ts';
import { businessMinutesBetween, type BusinessHours } from '../core/business-calendar.ts';
import { replyAddresses } from '../core/reply-token.ts';
import { planSlaAlert } from '../core/sla-alert.ts';
import { evaluateCheck, targetDeadline, type SlaCheck, type SlaPolicy } from '../core/sla-clock.ts';
import type { TemplateRenderer } from '../mail/render-template.ts';
import { OUTBOX_LEASE_MS, sendOutbox } from '../inbound/send-outbox.ts';

export interface AlertDependencies {
  readonly cases: CaseStore;
  readonly checks: CheckQueue;
  readonly rawMail: RawMailStore;
  readonly sender: MailSender;
  readonly renderer: TemplateRenderer;
  readonly settings: {
    readonly supportAddress: string;
    readonly supportName: string;
    readonly team: Team;
    readonly replyTokenSecret: string;
    readonly businessHours: BusinessHours;
    readonly slaPolicy: SlaPolicy;
  };
  readonly now: () => Date;
}

export type CheckOutcome = 'fired' | 'already-fired' | 're-queued' | 'stale';

/**
 * Handles one delivered check: not due yet → queued again (SQS delays stop at 15 minutes); no
 * longer true of the case → dropped; due → the alert is recorded under a key made of case, target,
 * stage and deadline, so however often the message comes, each alert is sent once.
 */
export async function processCheck(check: SlaCheck, deps: AlertDependencies): Promise<CheckOutcome> {
  const { settings } = deps;
  const now = deps.now();
  const supportCase = (await deps.cases.getCases([check.caseNumber])).get(check.caseNumber);
  if (supportCase === undefined) return 'stale';
  const verdict = evaluateCheck(check, supportCase, settings.slaPolicy, settings.businessHours, now);
  if (verdict.action === 'stale') return 'stale';
  if (verdict.action === 'wait') {
    await deps.checks.enqueue([check], now);
    return 're-queued';
  }

  const key = `sla:${check.caseNumber}:${check.target}:${check.stage}:${check.dueAt}`;
  const existing = await deps.cases.getIntake(key);
  if (existing !== undefined) return (await resend(existing, deps)) ? 'fired' : 'already-fired';

  const deadline = targetDeadline(supportCase, check.target, settings.slaPolicy, settings.businessHours) ?? new Date(check.dueAt);
  const hoursLeft = (now < deadline ? 1 : -1) * (businessMinutesBetween(settings.businessHours, ...ordered(now, deadline)) / 60);
  const plan = planSlaAlert({
    check,
    supportCase,
    team: settings.team,
    supportName: settings.supportName,
    replyAddresses: replyAddresses(settings.replyTokenSecret, settings.supportAddress, now),
    businessHoursLeft: hoursLeft,
    deadline: formatLocal(deadline, settings.businessHours.timeZone),
  });
  const leaseUntil = now.getTime() + OUTBOX_LEASE_MS;
  const intake: IntakeRecord = {
    intakeKey: key,
    sesMessageId: key,
    rawKey: '',
    receivedAt: now.toISOString(),
    outcome: 'case-updated',
    caseNumber: check.caseNumber,
    reason: `${check.target} ${check.stage}`,
    outbox: plan.drafts,
    pendingSends: new Set(Object.keys(plan.drafts)),
    leaseUntil,
  };
  const written = await deps.cases.commitIntake({ intake, ...(plan.supportCase ? { supportCase: plan.supportCase } : {}) });
  if (written === 'duplicate') return 'already-fired';
  await sendOutbox(intake, leaseUntil, deps);
  return 'fired';
}

/** An alert recorded but not (all) sent, as after a crash: send the rest, if nobody else is. */
async function resend(existing: IntakeRecord, deps: AlertDependencies): Promise<boolean> {
  const now = deps.now().getTime();
  const leaseUntil = now + OUTBOX_LEASE_MS;
  if (existing.pendingSends === undefined || !(await deps.cases.claimOutbox(existing.intakeKey, now, leaseUntil))) return false;
  await sendOutbox(existing, leaseUntil, deps);
  return true;
}

function ordered(a: Date, b: Date): [Date, Date] {
  return a <= b ? [a, b] : [b, a];
}

function formatLocal(at: Date, timeZone: string): string {
  // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(at);
}
