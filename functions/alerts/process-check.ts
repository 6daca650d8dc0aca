import type { IntakeRecord } from '../core/intake-record.ts';
import { businessMinutesBetween } from '../core/business-calendar.ts';
import {
  evaluateFollowUp,
  isFollowUpCheck,
  scheduleFollowUps,
  type CaseCheck,
  type FollowUpCheck,
} from '../core/follow-up.ts';
import { planFollowUp } from '../core/follow-up-plan.ts';
import type { OutboundDraft } from '../core/outbound-draft.ts';
import { shortLocalTime } from '../core/local-time.ts';
import { replyAddresses } from '../core/reply-token.ts';
import { planSlaAlert } from '../core/sla-alert.ts';
import { evaluateCheck, targetDeadline, type CheckVerdict, type SlaCheck } from '../core/sla-clock.ts';
import type { SupportCase } from '../core/support-case.ts';
import { surveyLinkFactory } from '../core/survey-token.ts';
import { buildTranscript } from '../core/transcript.ts';
import { forQueue } from '../config/current-team.ts';
import { queueDrafts, queueIdOf } from '../core/queue-selection.ts';
import type { MailFunctionDependencies } from '../config/mail-dependencies.ts';
import { OUTBOX_LEASE_MS, resumeOutbox, sendOutbox } from '../outbox/send-outbox.ts';

/** What the alert consumer handles a check with: the mail functions' dependencies. */
export type AlertDependencies = MailFunctionDependencies;

export type CheckOutcome = 'fired' | 'already-fired' | 're-queued' | 'stale';

/**
 * Handles one delivered check: not due yet → queued again (SQS delays stop at 15 minutes); no
 * longer true of the case → dropped; due → what it calls for (an alert, a nudge, an automatic
 * solve) is recorded under a key made of case, target, stage and due time, so however often the
 * message comes, it happens once.
 */
export async function processCheck(check: CaseCheck, given: AlertDependencies): Promise<CheckOutcome> {
  const supportCase = (await given.cases.getCases([check.caseNumber])).get(check.caseNumber);
  if (supportCase === undefined) return 'stale';
  // Timed on the case's queue's targets and calendar; a check timed on another queue's (before a #move) is stale.
  const deps = await forQueue(given, queueIdOf(supportCase));
  const { settings } = deps;
  const now = deps.now();
  const verdict: CheckVerdict = isFollowUpCheck(check)
    ? evaluateFollowUp(check, supportCase, settings.lifecycle, settings.businessHours, now)
    : evaluateCheck(check, supportCase, settings.slaPolicy, settings.businessHours, now);
  if (verdict.action === 'stale') return 'stale';
  if (verdict.action === 'wait') {
    await deps.checks.enqueue([check], now);
    return 're-queued';
  }

  const key = `${isFollowUpCheck(check) ? 'follow-up' : 'sla'}:${check.caseNumber}:${check.target}:${check.stage}:${check.dueAt}`;
  const existing = await deps.intakes.getIntake(key);
  if (existing !== undefined) return (await resumeOutbox(existing, deps)) !== undefined ? 'fired' : 'already-fired';
  const plan = isFollowUpCheck(check)
    ? await followUpPlan(check, supportCase, deps)
    : alertPlan(check, supportCase, deps);

  const leaseUntil = now.getTime() + OUTBOX_LEASE_MS;
  const intake: IntakeRecord = {
    intakeKey: key,
    sesMessageId: key,
    rawKey: '',
    receivedAt: now.toISOString(),
    outcome: 'case-updated',
    caseNumber: check.caseNumber,
    reason: `${check.target} ${check.stage}`,
    outbox: queueDrafts(plan.drafts, plan.supportCase ?? supportCase, settings),
    ...(Object.keys(plan.drafts).length > 0 ? { pendingSends: new Set(Object.keys(plan.drafts)), leaseUntil } : {}),
  };
  const written = await deps.intakes.commitIntake({
    intake,
    ...(plan.supportCase ? { supportCase: plan.supportCase } : {}),
  });
  if (written === 'duplicate') return 'already-fired';
  if (intake.pendingSends !== undefined) await sendOutbox(intake, leaseUntil, deps);
  return 'fired';
}

interface CheckPlan {
  /** The case as the check leaves it, when it changes it. */
  readonly supportCase?: SupportCase;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
}

function alertPlan(check: SlaCheck, supportCase: SupportCase, deps: AlertDependencies): CheckPlan {
  const { settings } = deps;
  const now = deps.now();
  const deadline =
    targetDeadline(supportCase, check.target, settings.slaPolicy, settings.businessHours) ?? new Date(check.dueAt);
  const hoursLeft =
    (now < deadline ? 1 : -1) * (businessMinutesBetween(settings.businessHours, ...ordered(now, deadline)) / 60);
  return planSlaAlert({
    check,
    supportCase,
    team: settings.team,
    supportName: settings.supportName,
    replyAddresses: replyAddresses(settings.replyTokenSecret, settings.supportAddress, now),
    businessHoursLeft: hoursLeft,
    deadline: shortLocalTime(deadline, settings.businessHours.timeZone),
    now,
  });
}

async function followUpPlan(
  check: FollowUpCheck,
  supportCase: SupportCase,
  deps: AlertDependencies,
): Promise<CheckPlan> {
  const { settings } = deps;
  const now = deps.now();
  const autoSolveAt = scheduleFollowUps(supportCase, settings.lifecycle, settings.businessHours).find(
    (c) => c.stage === 'auto-solve',
  )?.dueAt;
  return planFollowUp({
    check,
    supportCase,
    team: settings.team,
    supportName: settings.supportName,
    replyAddresses: replyAddresses(settings.replyTokenSecret, settings.supportAddress, now),
    survey: surveyLinkFactory(settings.replyTokenSecret, settings.surveyUrl, settings.lifecycle.surveyLinkDays, now),
    timeZone: settings.businessHours.timeZone,
    transcript: buildTranscript(await deps.cases.listMessages(check.caseNumber)),
    ...(autoSolveAt === undefined ? {} : { autoSolveAt }),
    now,
  });
}

function ordered(a: Date, b: Date): [Date, Date] {
  return a <= b ? [a, b] : [b, a];
}
