import type { IntakeRecord } from '../adapters/case-store.ts';
import type { FloodCounting } from '../adapters/flood-counters.ts';
import type { InboundMailFacts } from '../core/new-case.ts';
import { NoBusinessHoursError, type BusinessHours } from '../core/business-calendar.ts';
import type { LifecyclePolicy } from '../core/case-lifecycle.ts';
import { scheduleFollowUps, type CaseCheck } from '../core/follow-up.ts';
import { scheduleChecks, type SlaPolicy } from '../core/sla-clock.ts';
import { draftWithheldAnswerNotice } from '../core/agent-notification.ts';
import type { ReplyAddresses } from '../core/reply-token.ts';
import { describeSuppressions, recipientsOf, suppressionAddress } from '../core/suppression.ts';
import type { IntakePlan } from '../core/plan-intake.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';
import type { IntakeOutcome } from '../core/intake-outcome.ts';
import { OUTBOX_LEASE_MS, resumeOutbox, SLA_CHECKS, sendOutbox } from '../outbox/send-outbox.ts';
import type { Receipt } from './ses-receipt-event.ts';

type IntakeBase = Pick<IntakeRecord, 'intakeKey' | 'sesMessageId' | 'rawKey' | 'receivedAt'>;

/** The mail a plan came from, and what a notice drafted at commit needs. */
export interface IntakeContext {
  readonly base: IntakeBase;
  readonly mail: InboundMailFacts;
  readonly newMessageIds: readonly string[];
  readonly receipt: Receipt;
  readonly replyAddresses: ReplyAddresses;
  /** What the commit counts on the flood counters, and how to take the mail in when a racing mail changed them first. */
  readonly flood?: { readonly counting: FloodCounting; readonly judgeAgain: () => Promise<IntakeOutcome> };
}

/** The outbox name of the notice that an answer reached nobody. */
export const WITHHELD_NOTICE = 'withheld-notice';

/**
 * Recipients whose absence from the suppression list the commit's transaction checks (one
 * ConditionCheck each, billed as a transactional write). For a mail to more (a crowd in Cc) the
 * list is read before an unchecked commit and again when sending; TransactWriteItems takes at most
 * 100 items.
 */
const MAX_RECIPIENTS_CHECKED_IN_COMMIT = 25;

/** Everyone the drafts go to, and whether the commit's transaction can check them all. */
function recipientsToCheck(drafts: IntakePlan['drafts']): { recipients: string[]; checked: boolean } {
  const recipients = recipientsOf(Object.values(drafts));
  return { recipients, checked: recipients.length <= MAX_RECIPIENTS_CHECKED_IN_COMMIT };
}

/**
 * Persists a plan in one transaction (intake, case, message, lookups, automatic-mail counter, and
 * the check that no recipient is suppressed), then sends its outbox. An address over its
 * automatic-mail limit gets no acknowledgement; a suppressed one gets nothing, and when that leaves
 * an agent's answer with nobody to go to, the agent who wrote it is told; a mail another invocation
 * took in first is resumed instead.
 */
export async function commitAndSend(plan: IntakePlan, context: IntakeContext, deps: InboundDependencies): Promise<IntakeOutcome> {
  const { base, mail, newMessageIds, receipt } = context;
  const now = deps.now();
  const leaseUntil = now.getTime() + OUTBOX_LEASE_MS;
  // Every change to a case re-times its clocks; checks queued for an earlier state go stale.
  const { slaPolicy, lifecycle, businessHours } = deps.settings;
  const { checks: slaChecks, problem } = plan.caseChanged ? checksFor(plan.supportCase, slaPolicy, lifecycle, businessHours) : { checks: [] };
  const commit = async (drafts: IntakePlan['drafts'], reason: string | undefined, suppressed: Readonly<Record<string, string>>) => {
    const names = [...Object.keys(drafts), ...(slaChecks.length > 0 ? [SLA_CHECKS] : [])];
    const { recipients, checked } = recipientsToCheck(drafts);
    const intake: IntakeRecord = {
      ...base,
      outcome: plan.outcome,
      caseNumber: plan.supportCase.caseNumber,
      ...(reason ? { reason } : {}),
      outbox: drafts,
      ...(slaChecks.length > 0 ? { slaChecks } : {}),
      ...(names.length > 0 ? { pendingSends: new Set(names), leaseUntil } : {}),
      ...(checked ? { suppressed } : {}),
    };
    const acknowledged = drafts.acknowledgement?.to[0]?.address;
    // An acknowledgement withheld from a suppressed address is no automatic mail to count.
    const autoReply = acknowledged === undefined || suppressed[suppressionAddress(acknowledged)] !== undefined ? undefined : { address: acknowledged, limit: deps.settings.autoReplyLimitPerHour, now };
    const unsuppressed = checked ? recipients.filter((a) => suppressed[a] === undefined) : [];
    const written = await deps.cases.commitIntake({ intake, ...(plan.caseChanged ? { supportCase: plan.supportCase } : {}), isNewCase: plan.isNewCase, message: plan.message, newMessageIds, ...(autoReply ? { autoReply } : {}), unsuppressed, ...(context.flood ? { flood: context.flood.counting } : {}) });
    return { written, intake };
  };

  let drafts = plan.drafts;
  let suppressed: Readonly<Record<string, string>> = {};
  // Learns who of the recipients is suppressed and why; an agent's answer that then reaches nobody comes back to its writer.
  const withholdFromSuppressed = async () => {
    suppressed = describeSuppressions(await deps.cases.suppressions.find(recipientsOf(Object.values(drafts))));
    const notice = draftWithheldAnswerNotice({ supportCase: plan.supportCase, team: deps.settings.team, supportName: deps.settings.supportName, replyAddresses: context.replyAddresses, drafts, suppressed, ...(plan.author === undefined ? {} : { author: plan.author }) });
    if (notice !== undefined) {
      drafts = { ...drafts, [WITHHELD_NOTICE]: notice };
      suppressed = { ...suppressed, ...describeSuppressions(await deps.cases.suppressions.find(recipientsOf([notice]))) };
    }
  };
  // Too many recipients for the transaction to check: read the list first (sending reads it again).
  if (!recipientsToCheck(drafts).checked) await withholdFromSuppressed();
  let { written, intake } = await commit(drafts, plan.reason, suppressed);
  if (written === 'suppressed') {
    // Someone this mail would go to is on the suppression list: learn who and why, and commit that.
    await withholdFromSuppressed();
    ({ written, intake } = await commit(drafts, plan.reason, suppressed));
  }
  if (written === 'rate-limited') {
    // This address had its share of automatic mail this hour: an auto-responder loop, or a flood.
    const { acknowledgement: _withheld, ...rest } = drafts;
    ({ written, intake } = await commit(rest, [plan.reason, 'acknowledgement withheld: automatic-mail limit for this address reached'].filter(Boolean).join('; '), suppressed));
  }
  // Another mail from this sender or domain reached a bound (or told the team) first: judge this one again.
  if (written === 'flooded' && context.flood !== undefined) return context.flood.judgeAgain();
  if (written === 'flooded') throw new Error(`Intake ${base.intakeKey} counted no flood yet was refused by a flood counter`);
  if (written === 'suppressed') throw new Error(`A recipient of intake ${base.intakeKey} was suppressed while it was being taken in; the retry commits it again`);
  if (written === 'duplicate') {
    const raced = await deps.cases.getIntake(base.intakeKey);
    if (raced === undefined) throw new Error(`Intake ${base.intakeKey} was reported written by another invocation but cannot be read`);
    return resumeIntake(raced, receipt, deps);
  }
  const sent = intake.pendingSends === undefined ? [] : await sendOutbox(intake, leaseUntil, deps);
  return {
    sesMessageId: mail.sesMessageId,
    outcome: plan.outcome,
    caseNumber: plan.supportCase.caseNumber,
    ...(intake.reason ? { reason: intake.reason } : {}),
    sent,
    acknowledged: sent.includes('acknowledgement'),
    ...(plan.measures === undefined ? {} : { measures: plan.measures }),
    ...(plan.bounce ? { bounce: true } : {}),
    ...(problem === undefined ? {} : { problems: [problem] }),
  };
}

/**
 * The case's timed checks: response-time targets and, while it waits on the customer, follow-ups.
 * A calendar that cannot place a deadline must not cost the mail: the case is taken in without
 * checks and the problem goes back with the outcome, for the handler to log for a person to fix.
 */
function checksFor(supportCase: IntakePlan['supportCase'], policy: SlaPolicy, lifecycle: LifecyclePolicy, hours: BusinessHours): { checks: CaseCheck[]; problem?: string } {
  try {
    return { checks: [...scheduleChecks(supportCase, policy, hours), ...scheduleFollowUps(supportCase, lifecycle, hours)] };
  } catch (error) {
    if (!(error instanceof NoBusinessHoursError)) throw error;
    return { checks: [], problem: `Timed checks could not be scheduled, so this case has none: ${error.message}` };
  }
}

/** A copy of a mail already taken in: send what its outbox still holds, if nobody else is. */
export async function resumeIntake(existing: IntakeRecord, receipt: Receipt, deps: InboundDependencies): Promise<IntakeOutcome> {
  const duplicate = { sesMessageId: receipt.sesMessageId, outcome: 'duplicate' as const, ...(existing.caseNumber === undefined ? {} : { caseNumber: existing.caseNumber }) };
  const sent = (await resumeOutbox(existing, deps)) ?? [];
  return { ...duplicate, sent, acknowledged: sent.includes('acknowledgement') };
}
