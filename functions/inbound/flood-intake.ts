import { messageSortKey } from '../adapters/case-keys.ts';
import { floodHourEnds, judgeFlood, type FloodKeys, type FloodVerdict } from '../core/flood-guard.ts';
import { draftFloodNotice } from '../core/flood-notice.ts';
import { inboundMessage, type StoredContent } from '../core/new-case.ts';
import type { OutboundDraft } from '../core/outbound-draft.ts';
import type { SupportCase } from '../core/support-case.ts';
import { commitAndSend, type IntakeContext } from './commit-intake.ts';
import type { IntakeOutcome } from '../core/intake-outcome.ts';
import type { IntakePlan } from '../core/plan-intake.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';

/** A mail that would open a new case, with what judging it against the flood bounds needs. */
export interface FloodFacts {
  readonly keys: FloodKeys;
  readonly content: StoredContent;
  readonly context: IntakeContext;
}

/** A new case counted as it opens; should a racing mail have reached a bound first, this one is judged again. */
export function countNewCase(facts: FloodFacts, caseNumber: number, deps: InboundDependencies): NonNullable<IntakeContext['flood']> {
  return { counting: { kind: 'open', keys: facts.keys, limits: deps.settings.floodLimits, caseNumber }, judgeAgain: () => judgeAgain(facts, deps) };
}

/**
 * Takes in a mail that may not open a case: filed as a message in the case `verdict` names, the
 * case itself unchanged (no acknowledgement, no notification, no clocks re-timed, nobody added to
 * it), and, for the first such mail of the hour, a notice to the team. A case that cannot be read
 * holds the mail for a person instead.
 */
export async function takeInFlood(verdict: Exclude<FloodVerdict, { action: 'open' }>, facts: FloodFacts, deps: InboundDependencies): Promise<IntakeOutcome> {
  const into = verdict.action === 'fold' ? (await deps.cases.getCases([verdict.into])).get(verdict.into) : undefined;
  if (verdict.action === 'hold' || into === undefined) {
    const reason = verdict.action === 'hold' ? verdict.reason : `flood: case #${verdict.into} to file into cannot be read`;
    const { base, receipt } = facts.context;
    const written = await deps.cases.commitIntake({ intake: { ...base, outcome: 'held', reason, outbox: {} } });
    return { sesMessageId: receipt.sesMessageId, outcome: written === 'duplicate' ? 'duplicate' : 'held', reason, sent: [], acknowledged: false };
  }
  const plan = planFold(verdict, into, facts, deps);
  const counting = { kind: 'fold' as const, keys: facts.keys, by: verdict.by, notify: verdict.notify };
  return commitAndSend(plan, { ...facts.context, flood: { counting, judgeAgain: () => judgeAgain(facts, deps) } }, deps);
}

/** The counts changed under this mail's commit: read them again and take the mail in as they now say. */
async function judgeAgain(facts: FloodFacts, deps: InboundDependencies): Promise<IntakeOutcome> {
  const counts = await deps.cases.readFloodCounts(facts.keys);
  const verdict = judgeFlood(counts, deps.settings.floodLimits);
  // A bound refused the commit, so the counts are at it; seeing them under it again means the
  // counter is gone (expired, or deleted by hand): start over, as a retry does.
  if (verdict.action === 'open') throw new FloodRecountError(facts.context.base.intakeKey);
  return takeInFlood(verdict, facts, deps);
}

function planFold(verdict: Extract<FloodVerdict, { action: 'fold' }>, supportCase: SupportCase, facts: FloodFacts, deps: InboundDependencies): IntakePlan {
  const { mail, replyAddresses } = facts.context;
  const { settings } = deps;
  const source = verdict.by === 'sender' ? facts.keys.sender : (facts.keys.domain ?? facts.keys.sender);
  const bound = verdict.by === 'sender' ? settings.floodLimits.newCasesPerSenderPerHour : settings.floodLimits.newCasesPerDomainPerHour;
  const notice: Record<string, OutboundDraft> = verdict.notify
    ? { 'flood-notice': draftFloodNotice({ supportCase, team: settings.team, supportName: settings.supportName, replyAddresses, by: verdict.by, source, bound, until: floodHourEnds(facts.keys.hour) }) }
    : {};
  return {
    outcome: 'case-updated',
    supportCase,
    isNewCase: false,
    caseChanged: false,
    message: inboundMessage(supportCase.caseNumber, messageSortKey(mail.receivedAt, mail.sesMessageId), mail, facts.content, 'folded'),
    drafts: notice,
    reason: `flood: ${source} reached ${bound} new cases this hour; filed in #${supportCase.caseNumber} (mail ${verdict.folded} past the bound)`,
  };
}

export class FloodRecountError extends Error {
  constructor(intakeKey: string) {
    super(`Intake ${intakeKey} was refused by a flood bound that its counters no longer show; the retry judges it afresh`);
    this.name = 'FloodRecountError';
  }
}
