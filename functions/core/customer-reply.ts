import { withStatus } from './case-status.ts';
import { describePerson, historyEntry, nextVersion, withHistory } from './history.ts';
import { wordsOf, type InboundMailFacts } from './new-case.ts';
import { boundedReferences } from './outbound-draft.ts';
import type { SupportCase } from './support-case.ts';

/**
 * A customer-side mail joins its case: the customer side becomes `participants` (what the mail
 * admits, see admitParticipants), a solved or pending case opens again, and the thread moves on
 * to this message.
 */
export function applyCustomerReply(
  supportCase: SupportCase,
  mail: InboundMailFacts,
  participants: readonly string[],
): SupportCase {
  const reopened = withStatus(supportCase, supportCase.status === 'new' ? 'new' : 'open', mail.receivedAt);
  return {
    ...reopened,
    // The oldest unanswered message sets the next-response clock; a second one does not restart it.
    awaitingAnswerSince: supportCase.awaitingAnswerSince ?? mail.receivedAt,
    version: nextVersion(supportCase),
    participants,
    updatedAt: mail.receivedAt,
    ...(mail.messageId === undefined ? {} : { lastCustomerMessageId: mail.messageId }),
    threadReferences: boundedReferences([
      ...supportCase.threadReferences,
      ...mail.references,
      ...(mail.messageId === undefined ? [] : [mail.messageId]),
    ]),
    recent: withHistory(
      supportCase.recent,
      historyEntry(mail.receivedAt, 'customer', describePerson(mail.from), wordsOf(mail)),
    ),
  };
}
