import { draftWithheldAnswerNotice } from './agent-notification.ts';
import type { Agent, Team } from './agents.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import { recipientsOf, suppressionAddress } from './suppression.ts';
import type { SupportCase } from './support-case.ts';

/** The outbox name of the notice that an answer reached nobody. */
const WITHHELD_NOTICE = 'withheld-notice';

/**
 * Recipients whose absence from the suppression list the commit's transaction checks (one
 * ConditionCheck each, billed as a transactional write). For a mail to more (a crowd in Cc) the
 * list is read before an unchecked commit and again when sending; TransactWriteItems takes at most
 * 100 items.
 */
export const MAX_RECIPIENTS_CHECKED_IN_COMMIT = 25;

/** Why an acknowledgement is left out, recorded with the intake. */
const AUTO_REPLY_LIMIT_REASON = 'acknowledgement withheld: automatic-mail limit for this address reached';

/** What taking a mail in has learnt so far about whom its drafts may go to. */
export interface WithholdingFacts {
  /** Addresses whose place on the suppression list has been read. */
  readonly read: ReadonlySet<string>;
  /** Of those, the suppressed ones and why (address → `describeSuppression`). */
  readonly suppressed: Readonly<Record<string, string>>;
  /** The acknowledged address had its share of automatic mail this hour (the commit said so). */
  readonly autoReplyLimitReached: boolean;
}

/** Nothing learnt yet: the first commit checks what it can in its own transaction. */
export const NOTHING_LEARNT: WithholdingFacts = { read: new Set(), suppressed: {}, autoReplyLimitReached: false };

/** A plan's drafts as far as they may go, and what the commit must check or count for them. */
export interface OutboxDecision {
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
  readonly reason?: string;
  /** Addresses to read from the suppression list before committing; the decision is made again after. */
  readonly toRead: readonly string[];
  /** Recipients the commit's transaction checks are on no suppression list (empty when too many to check). */
  readonly checkInCommit: readonly string[];
  /** The suppressions the intake records, when the commit checks every recipient (otherwise sending reads the list itself). */
  readonly suppressed?: Readonly<Record<string, string>>;
  /** The address whose automatic-mail count the acknowledgement adds to. */
  readonly autoReplyTo?: string;
}

/**
 * What of a plan's drafts goes out, given what is known: no acknowledgement past the address's
 * automatic-mail limit (an auto-responder loop, or a flood); nothing to a suppressed address; and
 * when that leaves what a person wrote with nobody to go to, a notice back to its writer. Pure: the
 * caller reads the list or commits as the decision asks, and asks again with what it learnt.
 */
export function decideOutbox(
  plan: {
    readonly drafts: Readonly<Record<string, OutboundDraft>>;
    readonly reason?: string;
    readonly supportCase: SupportCase;
    readonly author?: Agent;
  },
  facts: WithholdingFacts,
  notify: {
    readonly team: Team;
    readonly supportName: string;
    readonly replyAddresses: ReplyAddresses;
    readonly timeZone: string;
  },
): OutboxDecision {
  const { acknowledgement, ...rest } = plan.drafts;
  const drafted = facts.autoReplyLimitReached ? rest : plan.drafts;
  const reason = [plan.reason, facts.autoReplyLimitReached ? AUTO_REPLY_LIMIT_REASON : undefined]
    .filter(Boolean)
    .join('; ');
  // Only once the list has been read can an answer be known to reach nobody.
  const notice =
    facts.read.size === 0
      ? undefined
      : draftWithheldAnswerNotice({
          supportCase: plan.supportCase,
          ...notify,
          drafts: drafted,
          suppressed: facts.suppressed,
          ...(plan.author === undefined ? {} : { author: plan.author }),
        });
  const drafts = notice === undefined ? drafted : { ...drafted, [WITHHELD_NOTICE]: notice };
  const recipients = recipientsOf(Object.values(drafts));
  const checked = recipients.length <= MAX_RECIPIENTS_CHECKED_IN_COMMIT;
  // A crowd too large for the transaction is read first; a notice's writer is read before it is committed.
  const mustKnow = checked ? (notice === undefined ? [] : recipientsOf([notice])) : recipients;
  const acknowledged = drafts.acknowledgement?.to[0]?.address;
  const autoReplyTo =
    acknowledged === undefined || facts.suppressed[suppressionAddress(acknowledged)] !== undefined
      ? undefined
      : acknowledged;
  return {
    drafts,
    ...(reason === '' ? {} : { reason }),
    toRead: mustKnow.filter((a) => !facts.read.has(a)),
    checkInCommit: checked ? recipients.filter((a) => facts.suppressed[a] === undefined) : [],
    ...(checked ? { suppressed: facts.suppressed } : {}),
    ...(autoReplyTo === undefined ? {} : { autoReplyTo }),
  };
}

/** What a read of the suppression list adds to the facts. */
export function learnSuppressions(
  facts: WithholdingFacts,
  read: readonly string[],
  suppressed: Readonly<Record<string, string>>,
): WithholdingFacts {
  return { ...facts, read: new Set([...facts.read, ...read]), suppressed: { ...facts.suppressed, ...suppressed } };
}

/** Whether every address the decision sends to has been read from the list already. */
export function everyRecipientRead(decision: OutboxDecision, facts: WithholdingFacts): boolean {
  return recipientsOf(Object.values(decision.drafts)).every((a) => facts.read.has(a));
}
