import { supervisorOnDuty, type Agent, type Team } from './agents.ts';
import type { BusinessHours } from './business-hours.ts';
import { withStatus } from './case-status.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import { agentNotice } from './agent-notification.ts';
import { formatDeadline, ratingData } from './rating-recovery.ts';
import type { RatingEvent } from './ratings.ts';
import type { ReplyAddresses } from './reply-token.ts';
import { targetDeadline, type SlaPolicy } from './sla-clock.ts';
import type { SupportCase } from './support-case.ts';

export interface SupervisorRequestInput {
  /** The case as it is before the request. */
  readonly supportCase: SupportCase;
  /** The case's current rating, if any: the supervisor reads what the customer said. */
  readonly rating?: RatingEvent;
  readonly team: Team;
  readonly slaPolicy: SlaPolicy;
  readonly businessHours: BusinessHours;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  readonly now: Date;
}

export type SupervisorRequestPlan =
  | {
      readonly kind: 'escalate';
      readonly supportCase: SupportCase;
      readonly supervisor: Agent;
      readonly drafts: Readonly<Record<string, OutboundDraft>>;
      /** When a person will answer, if the follow-up target runs. */
      readonly contactBy?: Date;
    }
  /** The customer asked before and the case is still open with the supervisor: nothing new to send. */
  | { readonly kind: 'already-requested'; readonly supervisor: Agent; readonly contactBy?: Date };

/**
 * "I'd like a supervisor to contact me" on the survey page: the case goes to the supervisor on
 * duty (reopened if it was solved), who is mailed the case and the customer's rating at once. A
 * second press while the case is still open with them changes nothing.
 */
export function planSupervisorRequest(input: SupervisorRequestInput): SupervisorRequestPlan {
  const { supportCase } = input;
  const supervisor = supervisorOnDuty(input.team, input.now);
  const deadline = (c: SupportCase) => targetDeadline(c, 'follow-up', input.slaPolicy, input.businessHours);
  if (
    supportCase.supervisorRequestedAt !== undefined &&
    supportCase.status !== 'solved' &&
    supportCase.assignee === supervisor.agentId
  )
    return { kind: 'already-requested', supervisor, ...by(deadline(supportCase)) };
  const at = input.now.toISOString();
  const reopened = supportCase.status === 'solved' ? withStatus(supportCase, 'open', at) : supportCase;
  const next: SupportCase = {
    ...reopened,
    version: nextVersion(supportCase),
    updatedAt: at,
    assignee: supervisor.agentId,
    supervisorRequestedAt: at,
    recent: withHistory(
      reopened.recent,
      historyEntry(at, 'escalation', 'Survey', `The customer asked for a supervisor; assigned to ${supervisor.name}`),
    ),
  };
  const contactBy = deadline(next);
  const data = {
    ...(input.rating === undefined ? { answer: 'no rating', comment: '', round: 1 } : ratingData(input.rating)),
    supervisorName: supervisor.name,
    followUpBy: contactBy === undefined ? 'no set time' : formatDeadline(contactBy, input.businessHours.timeZone),
  };
  return {
    kind: 'escalate',
    supportCase: next,
    supervisor,
    drafts: {
      supervisor: agentNotice(
        next,
        input,
        'supervisor-request',
        { address: supervisor.email, name: supervisor.name },
        data,
      ),
    },
    ...by(contactBy),
  };
}

function by(contactBy: Date | undefined): { contactBy?: Date } {
  return contactBy === undefined ? {} : { contactBy };
}
