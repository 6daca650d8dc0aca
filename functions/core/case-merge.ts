import type { Agent, Team } from './agents.ts';
import { draftCaseNotice } from './case-notice.ts';
import { withStatus } from './case-status.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import { boundedReferences } from './outbound-draft.ts';
import { MAX_CASE_PARTICIPANTS } from './participants.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { SupportCase } from './support-case.ts';

/**
 * Most cases merged into one. Their messages are read with the survivor's (one Query each) for
 * every transcript and `cases show`, so a chain of merges must stay short; twenty is far past
 * the few duplicates one customer opens about one problem.
 */
export const MAX_MERGED_CASES = 20;

/** Why `#merge <target>` cannot run on `source`, in plain words; empty when it can. */
export function mergeProblems(source: SupportCase, targetNumber: number, target: SupportCase | undefined): string[] {
  const named = `#merge ${targetNumber}`;
  if (targetNumber === source.caseNumber)
    return [`${named}: this is case #${targetNumber} itself; name the other case to merge it into.`];
  if (target === undefined) return [`${named}: there is no case #${targetNumber}.`];
  if (target.mergedInto !== undefined)
    return [
      `${named}: case #${targetNumber} was itself merged into #${target.mergedInto}; merge into #${target.mergedInto}.`,
    ];
  if (target.status === 'solved')
    return [
      `${named}: case #${targetNumber} is solved; merge into an open case, or reopen #${targetNumber} first with #open.`,
    ];
  const merged = [...(target.mergedFrom ?? []), source.caseNumber, ...(source.mergedFrom ?? [])];
  if (merged.length > MAX_MERGED_CASES)
    return [
      `${named}: case #${targetNumber} would hold ${merged.length} merged cases; at most ${MAX_MERGED_CASES} can be.`,
    ];
  const participants = new Set([...target.participants, ...source.participants]).size;
  if (participants > MAX_CASE_PARTICIPANTS)
    return [
      `${named}: the merged case would have ${participants} participants; one answer can go to at most ${MAX_CASE_PARTICIPANTS}.`,
    ];
  return [];
}

/** What a merge is drafted with. */
export interface MergeInput {
  readonly agent: Agent;
  readonly team: Team;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  readonly at: string;
}

/**
 * `source` merged into `target` (checked with mergeProblems): the source closes as merged, with no
 * mail to its customer; the survivor gains its customer side, thread, merged cases and any bug
 * still waiting, and its oldest unanswered message sets the survivor's response clock. Both
 * assignees (or the team) are told. The source's messages stay where they are and are read as
 * part of the survivor's (see `mergedFrom`).
 */
export function mergeCases(source: SupportCase, target: SupportCase, input: MergeInput) {
  const { agent, at } = input;
  const { awaitingAnswerSince: _answered, ...open } = withStatus(source, 'solved', at);
  const line = `#merge: case #${source.caseNumber} ("${source.subject}") merged into #${target.caseNumber}`;
  const closed: SupportCase = { ...open, mergedInto: target.caseNumber };
  const waiting = [source.awaitingAnswerSince, target.awaitingAnswerSince].filter((t): t is string => t !== undefined);
  const bug = target.bugOpenedAt === undefined && source.bugOpenedAt !== undefined ? bugOf(source) : {};
  const survivor: SupportCase = {
    ...target,
    ...bug,
    version: nextVersion(target),
    updatedAt: at,
    participants: [...new Set([...target.participants, ...source.participants])],
    threadReferences: boundedReferences([...target.threadReferences, ...source.threadReferences]),
    mergedFrom: [...(target.mergedFrom ?? []), source.caseNumber, ...(source.mergedFrom ?? [])],
    ...(waiting.length > 0 ? { awaitingAnswerSince: waiting.sort()[0] as string } : {}),
    recent: withHistory(target.recent, historyEntry(at, 'note', `${agent.name} (${agent.agentId})`, line)),
  };
  const headline = (n: number) => `${agent.name} (${agent.agentId}) merged case #${source.caseNumber} into #${n}`;
  const drafts: Record<string, OutboundDraft> = {
    mergedNotice: draftCaseNotice({
      ...input,
      supportCase: closed,
      headline: headline(target.caseNumber),
      words: `Later mail on case #${source.caseNumber} lands in case #${target.caseNumber}; answer there.`,
    }),
  };
  const survivorNotice = draftCaseNotice({
    ...input,
    supportCase: survivor,
    headline: headline(survivor.caseNumber),
    words: `Case #${source.caseNumber} ("${source.subject}", from ${source.requester?.address ?? 'an unknown sender'}) is part of this case now: its messages, files and notes.`,
  });
  // One assignee holding both cases hears once.
  if (survivorNotice.to[0]?.address !== drafts.mergedNotice?.to[0]?.address) drafts.survivorNotice = survivorNotice;
  return { closed, survivor, drafts };
}

function bugOf(supportCase: SupportCase): Pick<SupportCase, 'bugOpenedAt' | 'bugFixedAt'> {
  return {
    ...(supportCase.bugOpenedAt === undefined ? {} : { bugOpenedAt: supportCase.bugOpenedAt }),
    ...(supportCase.bugFixedAt === undefined ? {} : { bugFixedAt: supportCase.bugFixedAt }),
  };
}
