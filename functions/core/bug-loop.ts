import type { ParsedCommands } from './agent-commands.ts';
import { draftCommandProblem, type AgentMailContext } from './agent-reply-mail.ts';
import { caseSummary } from './agent-notification.ts';
import type { Agent, Team } from './agents.ts';
import { draftCaseNotice } from './case-notice.ts';
import { withStatus } from './case-status.ts';
import type { Transcript } from './closing-message.ts';
import { historyEntry, nextVersion, withHistory } from './history.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { ReplyAddresses } from './reply-token.ts';
import type { AttachmentRecord, MailAddress, SupportCase } from './support-case.ts';
import { transcriptData } from './transcript.ts';

/**
 * A case handed to engineering: `bugOpenedAt` is when. A bug still waiting keeps the time it was
 * first reported (a second `#bug` is a reminder, not a new bug); after a fix, `#bug` starts a new one.
 */
export function markBugOpened(supportCase: SupportCase, at: string): SupportCase {
  const { bugFixedAt: _fixed, ...rest } = supportCase;
  const waiting = supportCase.bugOpenedAt !== undefined && supportCase.bugFixedAt === undefined;
  return { ...rest, bugOpenedAt: waiting ? (supportCase.bugOpenedAt as string) : at };
}

/**
 * A fixed bug: the customer is owed an answer, so a pending or solved case opens again and the
 * next-response clock runs from the fix (the first-response one, if nobody answered yet).
 */
export function markBugFixed(supportCase: SupportCase, at: string): SupportCase {
  const waiting = supportCase.status === 'pending' || supportCase.status === 'solved';
  const reopened = waiting ? withStatus(supportCase, 'open', at) : supportCase;
  return { ...reopened, bugFixedAt: at, awaitingAnswerSince: supportCase.awaitingAnswerSince ?? at };
}

/**
 * The `#bug` report to engineering: the agent's summary (and `note`, a note written in the same
 * reply), then every message the customer wrote (their words, quotes stripped, from the first one
 * on; answers and earlier notes are not theirs), and a Reply-To that files engineering's answer in
 * the case as an internal note. The customer's files join it with withCustomerFiles (team-mails.ts).
 */
export function draftBugReport(
  supportCase: SupportCase,
  input: AgentMailContext & { readonly team: Team },
  summary: string,
  transcript: Transcript,
  note = '',
): OutboundDraft {
  const customer = transcript.entries.filter((e) => !e.fromUs);
  const replyTo = input.replyAddresses.forEngineering ?? input.replyAddresses.forAgents;
  return {
    kind: 'bug-report',
    caseNumber: supportCase.caseNumber,
    fromName: input.supportName,
    to: [{ address: input.team.engineeringAddress }],
    cc: [],
    replyTo: replyTo(supportCase.caseNumber),
    template: 'bug-report',
    data: {
      ...caseSummary(supportCase),
      summary,
      note,
      agentName: input.agent.name,
      agentId: input.agent.agentId,
      customerWords: transcriptData({ entries: customer, omitted: 0 }, input.timeZone).transcript,
      // Transcripts keep the latest messages; say so when the earliest were left out.
      earlierLeftOut: transcript.omitted,
    },
    references: [],
    automatic: true,
    customerFacing: false,
    attachments: [],
  };
}

/** What engineering's mail on a case is planned from. */
export interface EngineeringReplyInput {
  readonly supportCase: SupportCase;
  readonly from: MailAddress;
  readonly commands: ParsedCommands;
  /** The whole reply as written, quoted back when a command cannot run. */
  readonly written?: string;
  readonly receivedAt: string;
  readonly attachments: readonly AttachmentRecord[];
  readonly team: Team;
  readonly supportName: string;
  readonly replyAddresses: ReplyAddresses;
  /** The queue's business time zone: every time an agent reads is on its clock. */
  readonly timeZone: string;
}

export interface EngineeringReplyPlan {
  readonly supportCase: SupportCase;
  readonly drafts: Readonly<Record<string, OutboundDraft>>;
  readonly problems: readonly string[];
}

/**
 * Engineering's answer joins the case as an internal note and the assignee (or the team) is told;
 * `#fixed <text>` also marks the bug fixed (see markBugFixed). Nothing reaches the customer, and
 * engineering gets no acknowledgement; only a command engineering may not use is explained back.
 */
export function planEngineeringReply(input: EngineeringReplyInput): EngineeringReplyPlan {
  const { commands, body } = input.commands;
  const refused = commands.filter((c) => c.name !== 'fixed' && c.name !== 'note');
  const problems = [
    ...input.commands.problems,
    ...refused.map((c) => `#${c.name} is for agents; engineering writes #fixed <text>, or plain words for the team.`),
  ];
  if (problems.length > 0)
    return {
      supportCase: input.supportCase,
      problems,
      drafts: {
        explanation: draftCommandProblem(
          { ...input, agent: engineeringAuthor(input.from) },
          problems,
          input.written ?? body,
        ),
      },
    };
  const fixed = commands.find((c) => c.name === 'fixed');
  const words = [
    ...commands.flatMap((c) =>
      c.name === 'note' && c.text ? [c.text] : c.name === 'fixed' ? [`Fixed: ${c.text}`] : [],
    ),
    body,
  ]
    .join('\n')
    .trim();
  const at = input.receivedAt;
  const changed = { ...input.supportCase, version: nextVersion(input.supportCase), updatedAt: at };
  const marked = fixed === undefined ? changed : markBugFixed(changed, at);
  const supportCase = {
    ...marked,
    recent: withHistory(marked.recent, historyEntry(at, 'note', `Engineering (${input.from.address})`, words)),
  };
  const reopened = input.supportCase.status !== supportCase.status;
  const headline =
    fixed === undefined
      ? `Engineering wrote on case #${supportCase.caseNumber} (an internal note)`
      : `Engineering fixed the bug on case #${supportCase.caseNumber}${reopened ? ', which is open again' : ''}: the customer awaits your answer`;
  return {
    supportCase,
    problems: [],
    drafts: { notice: draftCaseNotice({ ...input, supportCase, headline, words }) },
  };
}

/** Engineering as the author of an explanation mail (it is no agent, and has no agent ID). */
function engineeringAuthor(from: MailAddress): Agent {
  return { name: from.name ?? 'Engineering', email: from.address, agentId: 'engineering', role: 'agent' };
}
