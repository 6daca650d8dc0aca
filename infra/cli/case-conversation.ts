import { CaseStore } from '../../functions/adapters/case-store.ts';
import type { CaseMessage, SupportCase } from '../../functions/core/support-case.ts';
import { storesOf, type Target } from './target.ts';

/**
 * A case and its messages with those of the cases merged into it (`mergedFrom`): a survivor holds
 * the whole conversation, files included, as the inbound function reads it (conversationOf).
 */
export async function caseConversation(
  target: Target,
  caseNumber: number,
): Promise<{ supportCase?: SupportCase; messages: CaseMessage[] }> {
  const supportCase = (await new CaseStore(target.doc, target.tableName).getCases([caseNumber])).get(caseNumber);
  const numbers = [caseNumber, ...(supportCase?.mergedFrom ?? [])];
  const { cases } = storesOf(target);
  const messages = (await Promise.all(numbers.map((n) => cases.messages(n)))).flat();
  return { ...(supportCase === undefined ? {} : { supportCase }), messages };
}
