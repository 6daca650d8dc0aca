import type { ParsedCommands } from './agent-commands.ts';
import type { MacroBook } from './macros.ts';
import type { Agent } from './agents.ts';
import type { CaseMeasures } from './case-measures.ts';
import type { Transcript } from './closing-message.ts';
import type { ReceiptVerdicts } from './intake-decision.ts';
import type { InboundMailFacts, StoredContent } from './new-case.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { Route } from './route-mail.ts';
import type { SenderBlock } from './sender-blocks.ts';
import type { InboundSettings } from './settings.ts';
import type { SurveyLinkFactory } from './survey-token.ts';
import type { AttachmentRecord, CaseMessage, SupportCase } from './support-case.ts';
import type { CaseFileLinks } from './case-files.ts';
import type { QueueTarget } from './case-move.ts';
import type { LanguageDetector } from './case-language.ts';

/** The settings a plan reads. */
export type PlanSettings = Pick<
  InboundSettings,
  'supportName' | 'domain' | 'slaPolicy' | 'team' | 'businessHours' | 'language'
> &
  Partial<Pick<InboundSettings, 'queueId' | 'queues'>>;

/** What one mail changes: the case, the message filed, and what must be sent. Pure. */
export interface IntakePlan {
  readonly outcome: 'case-opened' | 'case-updated';
  readonly supportCase: SupportCase;
  readonly isNewCase: boolean;
  /** False when the mail leaves the case as it was (a reply whose commands could not run). */
  readonly caseChanged: boolean;
  readonly message: CaseMessage;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
  readonly reason?: string;
  readonly measures?: CaseMeasures;
  readonly bounce?: boolean;
  /** The agent whose mail this is: told, should their answer reach nobody. */
  readonly author?: Agent;
  /** The case a `#merge` closed this one into, changed too: written in the same transaction. */
  readonly survivor?: SupportCase;
  /** A sender block (`#spam`), written in the same transaction. */
  readonly block?: SenderBlock;
}

/** What every intake plan is made from: the mail, where it is filed, its content, and what drafting needs. */
export interface PlanFacts {
  readonly mail: InboundMailFacts;
  /** Where the mail is filed in its case (the store's sort key for it). */
  readonly messageKey: string;
  readonly content: StoredContent;
  readonly verdicts: ReceiptVerdicts;
  readonly settings: PlanSettings;
  readonly replyAddresses: ReplyAddresses;
  readonly survey: SurveyLinkFactory;
  /** How the mail's files travel with the notifications that carry its words (attachCaseFiles). */
  readonly files: CaseFileLinks;
}

export interface PlanInput extends PlanFacts {
  readonly route: Exclude<Route, { kind: 'ignore' | 'hold' | 'bounce' }>;
  /** An agent's reply, parsed once by the caller (who reads the transcript when it asks for one). */
  readonly commands?: ParsedCommands;
  /** Allocated by the caller only for a new case. */
  readonly newCaseNumber?: number;
  /** Guesses a new case's language from its first mail (loaded by the caller only for a new case); absent: the header or the queue's. */
  readonly detectLanguage?: LanguageDetector;
  readonly newCaseId: string;
  /** The case's public conversation, read when an agent's reply solves the case, asks for it or reports a bug. */
  readonly transcript?: Transcript;
  /** The saved answers an agent's reply names with `#macro`, loaded by the caller. */
  readonly macros?: MacroBook;
  /** The case an agent's `#merge` names, read by the caller (absent when no such case exists). */
  readonly mergeTarget?: SupportCase;
  /** The files of the customer's messages (merged cases' too), read with the transcript: team mails carry them. */
  readonly customerFiles?: readonly AttachmentRecord[];
  /** The queues an agent's `#move` may name (see planMove); without them, `#move` names no known queue. */
  readonly queueTargets?: readonly QueueTarget[];
}
