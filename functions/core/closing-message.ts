import { draftToCustomer, lastWordsFromUs, type Speaker } from './customer-message.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { SurveyLinkFactory } from './survey-token.ts';
import type { AttachmentRecord, SupportCase } from './support-case.ts';
import { transcriptData, type TranscriptEntry } from './transcript.ts';
import { formatDay } from './customer-words.ts';

export interface Transcript {
  readonly entries: readonly TranscriptEntry[];
  readonly omitted: number;
}

export interface ClosingInput {
  /** The case as solved. */
  readonly supportCase: SupportCase;
  readonly speaker: Speaker;
  /** What the agent wrote with `#solve` ('' for a bare `#solve`, or when the pipeline closes the case). */
  readonly answer: string;
  readonly attachments: readonly AttachmentRecord[];
  /** The public conversation before this message. */
  readonly transcript: Transcript;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  readonly survey: SurveyLinkFactory;
  /** The business calendar's time zone: dates in the message are the team's dates. */
  readonly timeZone: string;
  /** Closed by the pipeline after the customer stayed silent on a pending case, since `pendingSince`. */
  readonly autoSolved?: { readonly pendingSince: string };
}

/**
 * The message that closes a case, written as the agent: their answer (or, for a bare `#solve`,
 * their last words on the case), "is there anything else I can help you with?", the survey's
 * three one-click answers, and the public conversation. Replying to it reopens the case.
 */
export function draftClosingMessage(input: ClosingInput): OutboundDraft {
  const { supportCase, speaker } = input;
  // A solved follow-up asks again, in a new round: the answer to it is a new vote, not a changed one.
  const { links, expiresAt } = input.survey.linksFor(
    supportCase.caseNumber,
    speaker.agentId,
    supportCase.followUp?.round,
  );
  const recalled =
    input.answer === '' ? lastWordsFromUs(input.transcript.entries) : { lastWords: '', lastWordsQuoted: '' };
  const entries =
    input.answer === ''
      ? input.transcript.entries
      : [
          ...input.transcript.entries,
          {
            at: supportCase.updatedAt,
            who: `${speaker.name} (${input.supportName})`,
            fromUs: true,
            words: input.answer,
            attachments: '',
          },
        ];
  return draftToCustomer({
    supportCase,
    speaker,
    supportName: input.supportName,
    replyAddresses: input.replyAddresses,
    kind: 'closing',
    template: 'case-closing',
    data: {
      answer: input.answer,
      ...recalled,
      autoSolved: input.autoSolved !== undefined,
      pendingSince:
        input.autoSolved === undefined
          ? ''
          : formatDay(input.autoSolved.pendingSince, input.timeZone, supportCase.language),
      surveyGreat: links.great,
      surveyOkay: links.okay,
      surveyNotGood: links['not-good'],
      surveyUntil: formatDay(expiresAt.toISOString(), input.timeZone, supportCase.language),
      ...transcriptData({ entries, omitted: input.transcript.omitted }),
    },
    words: input.answer,
    // The agent's own words are a person's mail; a case the pipeline closes on its own is automatic.
    automatic: input.autoSolved !== undefined,
    attachments: input.attachments,
  });
}
