import type { Team } from './agents.ts';
import { caseSummary } from './agent-notification.ts';
import type { FloodScope } from './flood-guard.ts';
import { shortLocalTime } from './local-time.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { SupportCase } from './support-case.ts';

/**
 * Tells the team, once an hour per sender (or domain), that new mail from it is past its bound:
 * it is filed into `supportCase` with no acknowledgement and no notification until `until`.
 */
export function draftFloodNotice(input: {
  readonly supportCase: SupportCase;
  readonly team: Team;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  readonly by: FloodScope;
  /** The address, or the domain, that reached its bound. */
  readonly source: string;
  /** The bound that was reached: new cases an hour. */
  readonly bound: number;
  /** When the hour ends and new mail from it opens cases again. */
  readonly until: Date;
  /** The queue's business time zone: every time an agent reads is on its clock. */
  readonly timeZone: string;
}): OutboundDraft {
  const { supportCase } = input;
  return {
    kind: 'agent-notice',
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [{ address: input.team.teamAddress }],
    cc: [],
    replyTo: input.replyAddresses.forAgents(supportCase.caseNumber),
    template: 'flood-notice',
    data: {
      ...caseSummary(supportCase),
      source: input.by === 'domain' ? `the domain ${input.source}` : input.source,
      byDomain: input.by === 'domain',
      bound: input.bound,
      until: shortLocalTime(input.until, input.timeZone),
    },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}
