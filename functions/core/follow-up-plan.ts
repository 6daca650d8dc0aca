import type { Team } from './agents.ts';
import { withStatus } from './case-status.ts';
import { draftClosingMessage, type Transcript } from './closing-message.ts';
import { formatDay } from './customer-words.ts';
import { draftToCustomer, hasCustomer, lastWordsFromUs, speakerFor } from './customer-message.ts';
import type { FollowUpCheck } from './follow-up.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { SupportCase } from './support-case.ts';
import type { SurveyLinkFactory } from './survey-token.ts';

export interface FollowUpInput {
  readonly check: FollowUpCheck;
  readonly supportCase: SupportCase;
  readonly team: Team;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  readonly survey: SurveyLinkFactory;
  readonly timeZone: string;
  readonly transcript: Transcript;
  /** When the case will be solved if the customer stays silent (the auto-solve check's due time), if ever. */
  readonly autoSolveAt?: string;
  readonly now: Date;
}

export interface FollowUpPlan {
  readonly supportCase: SupportCase;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
}

/**
 * A due follow-up on a pending case: the nudge asks the customer, in the assignee's name, whether
 * they still need us; the auto-solve closes the case with the usual closing message and survey.
 * Both are noted in the case's history for the agents.
 */
export function planFollowUp(input: FollowUpInput): FollowUpPlan {
  const { check, now } = input;
  const at = now.toISOString();
  const speaker = speakerFor(input.supportCase, input.team, input.supportName);
  const common = { speaker, supportName: input.supportName, replyAddresses: input.replyAddresses };
  const who = `${speaker.name} (automatic follow-up)`;
  if (check.stage === 'nudge') {
    const supportCase = {
      ...input.supportCase,
      version: nextVersion(input.supportCase),
      recent: withHistory(
        input.supportCase.recent,
        historyEntry(at, 'follow-up', who, 'Reminder sent: we are waiting on the customer.'),
      ),
    };
    if (!hasCustomer(supportCase)) return { supportCase, drafts: {} };
    const nudge = draftToCustomer({
      ...common,
      supportCase,
      kind: 'follow-up',
      template: 'follow-up',
      data: {
        ...lastWordsFromUs(input.transcript.entries),
        closesOn:
          input.autoSolveAt === undefined ? '' : formatDay(input.autoSolveAt, input.timeZone, supportCase.language),
      },
      words: '',
      automatic: true,
    });
    return { supportCase, drafts: { nudge } };
  }
  const solved = withStatus(
    { ...input.supportCase, version: nextVersion(input.supportCase), updatedAt: at },
    'solved',
    at,
  );
  const supportCase = {
    ...solved,
    recent: withHistory(
      solved.recent,
      historyEntry(at, 'follow-up', who, 'Solved: no answer from the customer since the case went pending.'),
    ),
  };
  if (!hasCustomer(supportCase)) return { supportCase, drafts: {} };
  const closing = draftClosingMessage({
    ...common,
    supportCase,
    answer: '',
    attachments: [],
    transcript: input.transcript,
    survey: input.survey,
    timeZone: input.timeZone,
    autoSolved: { pendingSince: check.clockStart },
  });
  return { supportCase, drafts: { closing } };
}
