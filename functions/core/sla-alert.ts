import { agentNotice } from './agent-notification.ts';
import { findAgent, supervisorOnDuty, type Team } from './agents.ts';
import { describeDuration } from './customer-words.ts';
import { nextVersion } from './history.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { SlaCheck } from './sla-clock.ts';
import type { MailAddress, SupportCase } from './support-case.ts';

const TARGET_LABEL = {
  'first-response': 'first response',
  'next-response': 'next response',
  resolution: 'resolution',
  'follow-up': 'follow-up response',
} as const;

export interface SlaAlertPlan {
  /** The case with the breach recorded, or undefined when a warning leaves it as it was. */
  readonly supportCase?: SupportCase;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
}

/**
 * What a due check does. A warning goes to whoever holds the case (or the team); a breach goes to
 * them and to the supervisor on duty, and is recorded on the case; a breach left standing goes to
 * the supervisor again.
 */
export function planSlaAlert(input: {
  check: SlaCheck;
  supportCase: SupportCase;
  team: Team;
  supportName: string;
  replyAddresses: ReplyAddresses;
  /** Business hours left (negative when overdue) until the target's deadline. */
  businessHoursLeft: number;
  deadline: string;
  /** When the check fires: the supervisor on duty then gets a breach. */
  now: Date;
}): SlaAlertPlan {
  const { check, supportCase, team } = input;
  const assignee = supportCase.assignee === undefined ? undefined : findAgent(team, supportCase.assignee);
  const holder: MailAddress =
    assignee === undefined ? { address: team.teamAddress } : { address: assignee.email, name: assignee.name };
  const supervisor = supervisorOnDuty(team, input.now);
  const lastWords = [...supportCase.recent].reverse().find((h) => h.kind === 'customer');
  const draft = (to: MailAddress): OutboundDraft =>
    agentNotice(supportCase, input, 'sla-alert', to, {
      stage: check.stage,
      isWarning: check.stage === 'warning',
      isReEscalation: check.stage === 're-escalation',
      target: TARGET_LABEL[check.target],
      deadline: input.deadline,
      timeLeft: describeDuration(Math.abs(input.businessHoursLeft)),
      overdue: input.businessHoursLeft < 0,
      lastWords:
        lastWords === undefined ? '(no message from the customer yet)' : `${lastWords.who}: ${lastWords.snippet}`,
      assignedTo: assignee === undefined ? 'nobody (the team)' : `${assignee.name} (${assignee.agentId})`,
    });
  if (check.stage === 'warning') return { drafts: { warning: draft(holder) } };
  const breaches = [...new Set([...(supportCase.slaBreaches ?? []), check.target])];
  const recorded = { ...supportCase, version: nextVersion(supportCase), slaBreaches: breaches };
  if (check.stage === 're-escalation')
    return {
      supportCase: recorded,
      drafts: { supervisor: draft({ address: supervisor.email, name: supervisor.name }) },
    };
  const drafts: Record<string, OutboundDraft> = { breach: draft(holder) };
  if (holder.address !== supervisor.email)
    drafts.supervisor = draft({ address: supervisor.email, name: supervisor.name });
  return { supportCase: recorded, drafts };
}
