import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import type { Agent, Team } from '../../functions/core/agents.ts';
import { planEngineeringReply } from '../../functions/core/bug-loop.ts';
import { mergeCases } from '../../functions/core/case-merge.ts';
import type { OutboundDraft } from '../../functions/core/outbound-draft.ts';
import type { ReplyAddresses } from '../../functions/core/reply-token.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';

type Sample = [string, OutboundDraft | undefined];

/** The bug loop's and #merge's notices (issue 13.4/13.5), drafted by their planners, for `support templates check`. */
export function bugLoopSamples(
  common: {
    readonly team: Team;
    readonly supportName: string;
    readonly replyAddresses: ReplyAddresses;
    readonly timeZone: string;
  },
  assigned: SupportCase,
  at: string,
): Sample[] {
  const engineering = (reply: string) =>
    planEngineeringReply({
      ...common,
      supportCase: { ...assigned, status: 'pending', bugOpenedAt: at },
      from: { address: 'engineering@staff.example.com' },
      commands: parseAgentCommands(reply),
      receivedAt: at,
      attachments: [],
    }).drafts;
  const agent = common.team.agents[0] as Agent;
  const merge = mergeCases(
    { ...assigned, caseNumber: 1002, subject: 'Order 4711 again' },
    { ...assigned, assignee: 'S-001' },
    { ...common, agent, at },
  );
  return [
    ["engineering's note on a case", engineering('We can reproduce it; a fix is on the way.').notice],
    ["engineering's fix, which reopened a pending case", engineering('#fixed deployed in release 4.2.1').notice],
    ['a command engineering may not use, explained back', engineering('#solve').explanation],
    ['a merge, to the closed case’s assignee', merge.drafts.mergedNotice],
    ['a merge, to the surviving case’s assignee', merge.drafts.survivorNotice],
  ];
}
