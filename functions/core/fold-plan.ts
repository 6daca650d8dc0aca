import { floodHourEnds, type FloodKeys, type FloodVerdict } from './flood-guard.ts';
import { draftFloodNotice } from './flood-notice.ts';
import { inboundMessage, type InboundMailFacts, type StoredContent } from './new-case.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { IntakePlan } from './intake-plan.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { InboundSettings } from './settings.ts';
import type { SupportCase } from './support-case.ts';

/** What filing a mail past its flood bound needs to know. */
export interface FoldFacts {
  readonly mail: InboundMailFacts;
  /** Where the mail is filed in the case (the store's sort key for it). */
  readonly messageKey: string;
  readonly content: StoredContent;
  readonly keys: FloodKeys;
  readonly settings: Pick<InboundSettings, 'floodLimits' | 'team' | 'supportName' | 'businessHours'>;
  readonly replyAddresses: ReplyAddresses;
}

/**
 * A mail past its sender's or domain's bound, filed as a `folded` message in the case the verdict
 * names: the case itself unchanged (no acknowledgement, no notification, no clocks re-timed, nobody
 * added to it), and for the first such mail of the hour, a notice to the team.
 */
export function planFold(
  verdict: Extract<FloodVerdict, { action: 'fold' }>,
  supportCase: SupportCase,
  facts: FoldFacts,
): IntakePlan {
  const { settings } = facts;
  const source = verdict.by === 'sender' ? facts.keys.sender : (facts.keys.domain ?? facts.keys.sender);
  const bound =
    verdict.by === 'sender'
      ? settings.floodLimits.newCasesPerSenderPerHour
      : settings.floodLimits.newCasesPerDomainPerHour;
  const notice: Record<string, OutboundDraft> = verdict.notify
    ? {
        'flood-notice': draftFloodNotice({
          supportCase,
          team: settings.team,
          supportName: settings.supportName,
          replyAddresses: facts.replyAddresses,
          by: verdict.by,
          source,
          bound,
          until: floodHourEnds(facts.keys.hour),
          timeZone: settings.businessHours.timeZone,
        }),
      }
    : {};
  return {
    outcome: 'case-updated',
    supportCase,
    isNewCase: false,
    caseChanged: false,
    message: inboundMessage(supportCase.caseNumber, facts.messageKey, facts.mail, facts.content, 'folded'),
    drafts: notice,
    reason: `flood: ${source} reached ${bound} new cases this hour; filed in #${supportCase.caseNumber} (mail ${verdict.folded} past the bound)`,
  };
}
