import { MAX_RECENT_HISTORY } from './history.ts';
import type { SupportCase } from './support-case.ts';

/** The window in which a run of unanswered customer mail counts as one burst (the flood bounds' hour). */
const REPLY_BURST_WINDOW_MS = 3_600_000;

/**
 * Whether a customer's reply is filed without notifying the agents: when the case's whole recent
 * history (MAX_RECENT_HISTORY entries, each of them notified) is customer mail of the last hour,
 * with no answer between. The flood bounds count new cases only; without this a script, or anyone
 * who forges a participant's From, could send the team one notification per mail into an open
 * case. A solved case that the reply reopens is always told.
 */
export function withholdReplyNotification(supportCase: SupportCase, receivedAt: string): boolean {
  if (supportCase.status === 'solved') return false;
  const recent = supportCase.recent;
  if (recent.length < MAX_RECENT_HISTORY || !recent.every((entry) => entry.kind === 'customer')) return false;
  const oldest = recent[0];
  return oldest !== undefined && Date.parse(receivedAt) - Date.parse(oldest.at) < REPLY_BURST_WINDOW_MS;
}
