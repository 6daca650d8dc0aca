import { messageSortKey } from '../adapters/case-keys.ts';
import { judgeFlood, type FloodKeys, type FloodVerdict } from '../core/flood-guard.ts';
import { planFold } from '../core/fold-plan.ts';
import type { StoredContent } from '../core/new-case.ts';
import { commitAndSend, recordWithoutCase, type IntakeContext } from './commit-intake.ts';
import type { IntakeOutcome } from '../core/intake-outcome.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';

/** A mail that would open a new case, with what judging it against the flood bounds needs. */
export interface FloodFacts {
  readonly keys: FloodKeys;
  readonly content: StoredContent;
  readonly context: IntakeContext;
}

/** A new case counted as it opens; should a racing mail have reached a bound first, this one is judged again. */
export function countNewCase(
  facts: FloodFacts,
  caseNumber: number,
  deps: InboundDependencies,
): NonNullable<IntakeContext['flood']> {
  return {
    counting: { kind: 'open', keys: facts.keys, limits: deps.settings.floodLimits, caseNumber },
    judgeAgain: () => judgeAgain(facts, deps),
  };
}

/**
 * Takes in a mail that may not open a case: filed as a message in the case `verdict` names, the
 * case itself unchanged (no acknowledgement, no notification, no clocks re-timed, nobody added to
 * it), and, for the first such mail of the hour, a notice to the team. A case that cannot be read
 * holds the mail for a person instead.
 */
export async function takeInFlood(
  verdict: Exclude<FloodVerdict, { action: 'open' }>,
  facts: FloodFacts,
  deps: InboundDependencies,
): Promise<IntakeOutcome> {
  const into = verdict.action === 'fold' ? (await deps.cases.getCases([verdict.into])).get(verdict.into) : undefined;
  if (verdict.action === 'hold' || into === undefined) {
    const reason =
      verdict.action === 'hold' ? verdict.reason : `flood: case #${verdict.into} to file into cannot be read`;
    return recordWithoutCase(facts.context.base, 'held', reason, deps);
  }
  const { mail, replyAddresses } = facts.context;
  const plan = planFold(verdict, into, {
    mail,
    messageKey: messageSortKey(mail.receivedAt, mail.sesMessageId),
    content: facts.content,
    keys: facts.keys,
    settings: deps.settings,
    replyAddresses,
  });
  const counting = { kind: 'fold' as const, keys: facts.keys, by: verdict.by, notify: verdict.notify };
  return commitAndSend(
    plan,
    { ...facts.context, flood: { counting, judgeAgain: () => judgeAgain(facts, deps) } },
    deps,
  );
}

/** The counts changed under this mail's commit: read them again and take the mail in as they now say. */
async function judgeAgain(facts: FloodFacts, deps: InboundDependencies): Promise<IntakeOutcome> {
  const counts = await deps.intakes.readFloodCounts(facts.keys);
  const verdict = judgeFlood(counts, deps.settings.floodLimits);
  // A bound refused the commit, so the counts are at it; seeing them under it again means the
  // counter is gone (expired, or deleted by hand): start over, as a retry does.
  if (verdict.action === 'open') throw new FloodRecountError(facts.context.base.intakeKey);
  return takeInFlood(verdict, facts, deps);
}

export class FloodRecountError extends Error {
  constructor(intakeKey: string) {
    super(
      `Intake ${intakeKey} was refused by a flood bound that its counters no longer show; the retry judges it afresh`,
    );
    this.name = 'FloodRecountError';
  }
}
