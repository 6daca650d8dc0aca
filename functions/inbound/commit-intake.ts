import type { IntakeRecord } from '../core/intake-record.ts';
import type { FloodCounting } from '../adapters/flood-counters.ts';
import type { InboundMailFacts } from '../core/new-case.ts';
import { NoBusinessHoursError, type BusinessHours } from '../core/business-hours.ts';
import type { LifecyclePolicy } from '../core/case-lifecycle.ts';
import { scheduleFollowUps, type CaseCheck } from '../core/follow-up.ts';
import { scheduleChecks, type SlaPolicy } from '../core/sla-clock.ts';
import type { ReplyAddresses } from '../core/reply-token.ts';
import { describeSuppressions, recipientsOf } from '../core/suppression.ts';
import {
  decideOutbox,
  everyRecipientRead,
  learnSuppressions,
  NOTHING_LEARNT,
  type OutboxDecision,
  type WithholdingFacts,
} from '../core/withholding.ts';
import type { IntakePlan } from '../core/intake-plan.ts';
import { queueDrafts } from '../core/queue-selection.ts';
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

/**
 * Persists a plan in one transaction (intake, case, message, lookups, automatic-mail counter, and
 * the check that no recipient is suppressed), then sends its outbox. An address over its
 * automatic-mail limit gets no acknowledgement; a suppressed one gets nothing, and when that leaves
 * an agent's answer with nobody to go to, the agent who wrote it is told; a mail another invocation
 * took in first is resumed instead.
 */
export async function commitAndSend(
  plan: IntakePlan,
  context: IntakeContext,
  deps: InboundDependencies,
): Promise<IntakeOutcome> {
  const { base, mail, receipt } = context;
  const leaseUntil = deps.now().getTime() + OUTBOX_LEASE_MS;
  // Every change to a case re-times its clocks; checks queued for an earlier state go stale.
  const { slaPolicy, lifecycle, businessHours } = deps.settings;
  const { checks: caseChecks, problem } = plan.caseChanged
    ? checksFor(plan.supportCase, slaPolicy, lifecycle, businessHours)
    : { checks: [] };
  // A merge re-times the survivor too (its oldest unanswered message may now be the merged one's).
  const survivorChecks =
    plan.caseChanged && plan.survivor ? checksFor(plan.survivor, slaPolicy, lifecycle, businessHours).checks : [];
  const slaChecks = [...caseChecks, ...survivorChecks];
  const { written, intake } = await commitWithheld(plan, context, deps, { slaChecks, leaseUntil });
  // Another mail from this sender or domain reached a bound (or told the team) first: judge this one again.
  if (written === 'flooded' && context.flood !== undefined) return context.flood.judgeAgain();
  if (written === 'flooded')
    throw new Error(`Intake ${base.intakeKey} counted no flood yet was refused by a flood counter`);
  if (written === 'suppressed')
    throw new Error(
      `A recipient of intake ${base.intakeKey} was suppressed while it was being taken in; the retry commits it again`,
    );
  if (written === 'duplicate') {
    const raced = await deps.intakes.getIntake(base.intakeKey);
    if (raced === undefined)
      throw new Error(`Intake ${base.intakeKey} was reported written by another invocation but cannot be read`);
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
 * Commits the plan with the drafts decideOutbox lets go out: decides with what is known, reads the
 * suppression list or notes the automatic-mail limit when the decision or the commit says so, and
 * decides again. Ends with the commit's last word: written, or a duplicate, a flood or a race.
 */
async function commitWithheld(
  plan: IntakePlan,
  context: IntakeContext,
  deps: InboundDependencies,
  timing: { readonly slaChecks: readonly CaseCheck[]; readonly leaseUntil: number },
) {
  const notify = {
    team: deps.settings.team,
    supportName: deps.settings.supportName,
    replyAddresses: context.replyAddresses,
    timeZone: deps.settings.businessHours.timeZone,
  };
  const read = async (facts: WithholdingFacts, addresses: readonly string[]) =>
    learnSuppressions(facts, addresses, describeSuppressions(await deps.intakes.suppressions.find(addresses)));
  let facts = NOTHING_LEARNT;
  for (;;) {
    const outbox = decideOutbox(plan, facts, notify);
    if (outbox.toRead.length > 0) {
      facts = await read(facts, outbox.toRead);
      continue;
    }
    // Drafts from the case's queue, each in its reader's language (a notice drafted here too: an answer withheld).
    const drafts = queueDrafts(outbox.drafts, plan.supportCase, deps.settings);
    const intake = intakeRecord(plan, { ...outbox, drafts }, context.base, timing);
    const autoReply =
      outbox.autoReplyTo === undefined
        ? undefined
        : { address: outbox.autoReplyTo, limit: deps.settings.autoReplyLimitPerHour, now: deps.now() };
    const written = await deps.intakes.commitIntake({
      intake,
      ...(plan.caseChanged ? { supportCase: plan.supportCase } : {}),
      isNewCase: plan.isNewCase,
      message: plan.message,
      newMessageIds: context.newMessageIds,
      ...(autoReply ? { autoReply } : {}),
      unsuppressed: outbox.checkInCommit,
      ...(context.flood ? { flood: context.flood.counting } : {}),
      ...(plan.caseChanged && plan.survivor ? { survivor: plan.survivor } : {}),
      ...(plan.caseChanged && plan.block ? { block: plan.block } : {}),
    });
    if (written === 'suppressed' && !everyRecipientRead(outbox, facts)) {
      // Someone this mail would go to is on the suppression list: learn who and why, and commit that.
      facts = await read(facts, recipientsOf(Object.values(outbox.drafts)));
    } else if (written === 'rate-limited' && !facts.autoReplyLimitReached) {
      // This address had its share of automatic mail this hour: an auto-responder loop, or a flood.
      facts = { ...facts, autoReplyLimitReached: true };
    } else {
      return { written, intake };
    }
  }
}

/** The intake as committed: what became of the mail, its outbox, and the checks it queues. */
function intakeRecord(
  plan: IntakePlan,
  outbox: OutboxDecision,
  base: IntakeBase,
  timing: { readonly slaChecks: readonly CaseCheck[]; readonly leaseUntil: number },
): IntakeRecord {
  // A changed case with no checks left (solved) still has the schedules of its earlier states to delete.
  const retiring = plan.caseChanged && !plan.isNewCase;
  const names = [...Object.keys(outbox.drafts), ...(timing.slaChecks.length > 0 || retiring ? [SLA_CHECKS] : [])];
  return {
    ...base,
    outcome: plan.outcome,
    caseNumber: plan.supportCase.caseNumber,
    ...(outbox.reason === undefined ? {} : { reason: outbox.reason }),
    outbox: outbox.drafts,
    ...(timing.slaChecks.length > 0 ? { slaChecks: timing.slaChecks } : {}),
    ...(names.length > 0 ? { pendingSends: new Set(names), leaseUntil: timing.leaseUntil } : {}),
    ...(outbox.suppressed === undefined ? {} : { suppressed: outbox.suppressed }),
  };
}

/**
 * The case's timed checks: response-time targets and, while it waits on the customer, follow-ups.
 * A calendar that cannot place a deadline must not cost the mail: the case is taken in without
 * checks and the problem goes back with the outcome, for the handler to log for a person to fix.
 */
function checksFor(
  supportCase: IntakePlan['supportCase'],
  policy: SlaPolicy,
  lifecycle: LifecyclePolicy,
  hours: BusinessHours,
): { checks: CaseCheck[]; problem?: string } {
  try {
    return {
      checks: [...scheduleChecks(supportCase, policy, hours), ...scheduleFollowUps(supportCase, lifecycle, hours)],
    };
  } catch (error) {
    if (!(error instanceof NoBusinessHoursError)) throw error;
    return { checks: [], problem: `Timed checks could not be scheduled, so this case has none: ${error.message}` };
  }
}

/** Records a mail that opens and joins no case (held or ignored), with why; its raw copy stays in S3. */
export async function recordWithoutCase(
  base: IntakeBase,
  outcome: 'held' | 'ignored',
  reason: string,
  deps: Pick<InboundDependencies, 'intakes'>,
): Promise<IntakeOutcome> {
  const written = await deps.intakes.commitIntake({ intake: { ...base, outcome, reason, outbox: {} } });
  return {
    sesMessageId: base.sesMessageId,
    outcome: written === 'duplicate' ? 'duplicate' : outcome,
    reason,
    sent: [],
    acknowledged: false,
  };
}

/** A copy of a mail already taken in: send what its outbox still holds, if nobody else is. */
export async function resumeIntake(
  existing: IntakeRecord,
  receipt: Receipt,
  deps: InboundDependencies,
): Promise<IntakeOutcome> {
  const duplicate = {
    sesMessageId: receipt.sesMessageId,
    outcome: 'duplicate' as const,
    ...(existing.caseNumber === undefined ? {} : { caseNumber: existing.caseNumber }),
  };
  const sent = (await resumeOutbox(existing, deps)) ?? [];
  return { ...duplicate, sent, acknowledged: sent.includes('acknowledgement') };
}
