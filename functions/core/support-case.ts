/** The domain model: plain data, shared by the core and the adapters. */
import type { SurveyAnswer } from './survey-token.ts';

export type CaseStatus = 'new' | 'open' | 'pending' | 'solved';
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';

/** Why a case needs a person's eye before anyone trusts or answers it. */
export type CaseFlag =
  | 'spam'
  | 'virus'
  | 'unauthenticated'
  | 'no-sender'
  | 'truncated'
  | 'attachments-not-extracted'
  /** The MIME structure could not be decoded; the message text is the body as it came. */
  | 'body-not-decoded'
  /** The MIME structure was beyond what we parse: only the top headers were read; the raw is kept. */
  | 'too-complex'
  /** Mail claiming to be from an agent failed authentication. */
  | 'spoofed-agent'
  /** The mail named another case (token, reference or tag) its sender may not write to. */
  | 'thread-mismatch';

export interface MailAddress {
  readonly address: string;
  readonly name?: string;
}

/** The headers and text of a received message that the pipeline works with. */
export interface MailHeaderFacts {
  readonly from?: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject?: string;
  readonly date?: string;
  /** Minutes east of UTC the Date header states (its "+0100"); absent when it states none or "-0000". */
  readonly dateOffsetMinutes?: number;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  readonly text?: string;
}

export interface AttachmentRecord {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  /** Key of the decoded attachment in the raw mail bucket. */
  readonly key: string;
  readonly contentId?: string;
}

export type MessageDirection = 'inbound' | 'outbound';
export type MessageKind =
  | 'customer'
  | 'acknowledgement'
  | 'agent-reply'
  | 'note'
  | 'agent-notification'
  | 'agent-notice'
  | 'escalation'
  | 'bug-report'
  | 'bounce'
  /** The message that closes a case: "anything else?", the transcript and the survey. */
  | 'closing'
  /** A friendly nudge to a customer a pending case waits on. */
  | 'follow-up'
  /** The conversation so far, sent on request (`#transcript`). */
  | 'transcript'
  /**
   * A new mail filed here past a flood bound: kept for the team, left out of transcripts, since
   * under a domain bound it may be another sender's.
   */
  | 'folded';

export interface CaseMessage {
  readonly caseNumber: number;
  /** Sort key inside the case: time-ordered, unique. */
  readonly messageKey: string;
  readonly direction: MessageDirection;
  readonly kind: MessageKind;
  readonly from?: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  readonly date: string;
  /** Minutes east of UTC the sender's Date header stated (inbound only; absent when it stated none). */
  readonly dateOffsetMinutes?: number;
  /** The id SES gave the message (receipt id inbound, send id outbound). */
  readonly sesMessageId: string;
  /** The Message-ID as it travels on the wire (for outbound: the one SES assigned). */
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** Key of the raw message in the raw mail bucket. */
  readonly rawKey?: string;
  /** The start of the text body; the whole text lives at `textKey`. */
  readonly textSummary: string;
  /** What the person wrote in this message (quotes and signature stripped), as a transcript shows it. */
  readonly words?: string;
  readonly textKey?: string;
  readonly htmlKey?: string;
  readonly attachments: readonly AttachmentRecord[];
}

/** A line of a case's recent history, kept on the case so notifications need no extra read. */
export interface HistoryEntry {
  readonly at: string;
  readonly kind: MessageKind;
  readonly who: string;
  readonly snippet: string;
}

export interface SupportCase {
  readonly caseId: string;
  readonly caseNumber: number;
  /** Optimistic lock: each write checks and bumps it. */
  readonly version: number;
  readonly subject: string;
  readonly requester?: MailAddress;
  /**
   * The language we write to the customer in (ISO 639-1), told by their first mail or set with
   * `#language`; absent (cases from before languages): the queue's language, else 'en'.
   */
  readonly language?: string;
  /** Lower-cased addresses of everyone on the customer side of the thread. */
  readonly participants: readonly string[];
  readonly status: CaseStatus;
  readonly priority: CasePriority;
  readonly flags: readonly CaseFlag[];
  /** The queue (SupportQueue id) the case is worked in; absent: the default queue (DEFAULT_QUEUE_ID). */
  readonly queue?: string;
  /** Agent ID of the assignee; unassigned cases notify the team address. */
  readonly assignee?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly firstResponseAt?: string;
  /** Agent ID of whoever wrote the first answer: the report credits the first response to them. */
  readonly firstResponseBy?: string;
  readonly solvedAt?: string;
  /** Agent ID of whoever solved the case (absent when it solved itself after a pending wait). */
  readonly solvedBy?: string;
  /** The customer side's latest Message-ID and the thread's References, for our replies. */
  readonly lastCustomerMessageId?: string;
  readonly threadReferences: readonly string[];
  readonly recent: readonly HistoryEntry[];
  /** Customer-side addresses our mail could not reach (permanent bounces). */
  readonly bouncing?: readonly string[];
  /** When the customer's oldest unanswered message arrived; cleared by an agent's answer. */
  readonly awaitingAnswerSince?: string;
  /** Spans the case spent pending (waiting on the customer): they pause the resolution clock. */
  readonly pendingSpans?: readonly PendingSpan[];
  /** Response-time targets this case has missed. */
  readonly slaBreaches?: readonly SlaTarget[];
  /** The solved case this one follows up on (a reply that came after the reopen window). */
  readonly previousCase?: number;
  /** When `#bug` last handed the case to engineering (ISO); reports count bugs opened from it. */
  readonly bugOpenedAt?: string;
  /** When `#fixed` marked that bug fixed (ISO); absent while the case waits on engineering. */
  readonly bugFixedAt?: string;
  /** The case this one was merged into (`#merge`): closed, and later mail naming it lands there. */
  readonly mergedInto?: number;
  /** Cases merged into this one: their messages, files and notes are read as part of this case. */
  readonly mergedFrom?: readonly number[];
  /** When DynamoDB may delete the solved case (epoch seconds; retention on), as last stored; set by the store. */
  readonly expiresAt?: number;
  /** The latest unhappy rating that reopened the case for a follow-up (core/rating-recovery.ts). */
  readonly followUp?: RatingFollowUp;
  /** When a rating first came in better than the one a follow-up set out to mend (ISO): a recovery. */
  readonly recoveredAt?: string;
  /** When the customer last asked, on the survey page, for a supervisor to contact them (ISO). */
  readonly supervisorRequestedAt?: string;
}

/** A follow-up on an unhappy rating: what the customer said, and the survey round that will ask again. */
export interface RatingFollowUp {
  /** When the rating reopened the case (ISO); the follow-up response target runs from here. */
  readonly openedAt: string;
  /** The round of the survey sent when the follow-up is solved (2 after the first survey's rating). */
  readonly round: number;
  /** The rating that started it. */
  readonly answer: SurveyAnswer;
  /** The agent who had solved the case (the rating was for them). */
  readonly agentId: string;
}

export type SlaTarget = 'first-response' | 'next-response' | 'resolution' | 'follow-up';

export interface PendingSpan {
  readonly from: string;
  /** Absent while the case is still pending. */
  readonly to?: string;
}
