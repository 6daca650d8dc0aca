import { COMMAND_HELP } from './agent-commands.ts';
import { caseSummary } from './agent-notification.ts';
import { findAgent, type Team } from './agents.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { MailAddress, SupportCase } from './support-case.ts';

/** What a notice about a case to someone on the team is drafted from. */
export interface CaseNoticeInput {
  readonly supportCase: SupportCase;
  readonly team: Team;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  /** One line saying what happened, e.g. "Engineering fixed the bug on case #1001". */
  readonly headline: string;
  /** The words behind it (engineering's note, the merged case's subject), or empty. */
  readonly words: string;
  /** Who hears it; by default the case's assignee, or the team when nobody is assigned. */
  readonly to?: MailAddress;
}

/** The assignee's address, or the team's while nobody holds the case. */
export function assigneeOrTeam(supportCase: SupportCase, team: Team): MailAddress {
  const assignee = supportCase.assignee === undefined ? undefined : findAgent(team, supportCase.assignee);
  return assignee === undefined ? { address: team.teamAddress } : { address: assignee.email, name: assignee.name };
}

/**
 * A short internal notice about a case (engineering's note, a fixed bug, a merge), answerable like
 * a notification: its Reply-To is the agents' token, so a reply acts on the case.
 */
export function draftCaseNotice(input: CaseNoticeInput): OutboundDraft {
  const { supportCase, team } = input;
  const assignee = supportCase.assignee === undefined ? undefined : findAgent(team, supportCase.assignee);
  return {
    kind: 'agent-notice',
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [input.to ?? assigneeOrTeam(supportCase, team)],
    cc: [],
    replyTo: input.replyAddresses.forAgents(supportCase.caseNumber),
    template: 'case-notice',
    data: {
      ...caseSummary(supportCase),
      headline: input.headline,
      words: input.words,
      assignedTo:
        assignee === undefined ? 'nobody yet (reply with #take to take it)' : `${assignee.name} (${assignee.agentId})`,
      commandHelp: COMMAND_HELP,
    },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}
