import type { AgentCommand, ParsedCommands } from './agent-commands.ts';
import { internalDraft } from './agent-reply-mail.ts';
import { supervisorOnDuty } from './agents.ts';
import { draftBugReport } from './bug-loop.ts';
import { attachCaseFiles, NO_CASE_FILES, type CaseFileLinks } from './case-files.ts';
import { draftHandovers, latestCustomerWords, type HandoverInput } from './handover.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import type { AttachmentRecord, SupportCase } from './support-case.ts';

/**
 * The mails an agent's reply sends to someone else on the team (the supervisor on `#escalate`,
 * engineering on `#bug`, the new holder on `#assign` or `#take`), drafted from the case as the reply
 * leaves it, so a note written in the same reply is in their history. Each carries the customer's
 * files, as a notification carries a message's.
 */

/** The files of every message the customer wrote on a case (merged cases' too), and how to send them. */
export interface CustomerFiles extends CaseFileLinks {
  /** Oldest first, once each (see storedFiles). */
  readonly files: readonly AttachmentRecord[];
}

/** What the team's mails are drafted from, beyond the handover's input. */
export interface TeamMailInput extends HandoverInput {
  /** Read with the conversation (see readForCommands); absent, the mails say nothing of files. */
  readonly customerFiles?: CustomerFiles;
  /** When the reply arrived: the supervisor on duty then gets an escalation. */
  readonly receivedAt: string;
}

/** The escalation, bug report and handover mails of a reply that changed `before` into `after`. */
export function draftTeamMails(
  before: SupportCase,
  after: SupportCase,
  input: TeamMailInput,
  parsed: ParsedCommands,
): Record<string, OutboundDraft> {
  const escalate = findCommand(parsed.commands, 'escalate');
  const bug = findCommand(parsed.commands, 'bug');
  const drafts: Record<string, OutboundDraft> = {};
  if (escalate !== undefined) drafts.escalation = draftEscalation(after, input, escalate.reason);
  if (bug !== undefined)
    drafts.bug = draftBugReport(
      after,
      input,
      bug.summary,
      input.transcript ?? { entries: [], omitted: 0 },
      noteOf(parsed),
    );
  Object.assign(drafts, draftHandovers(before, after, input, escalate !== undefined));
  if (drafts.handover !== undefined) drafts.handover = withCustomerFiles(drafts.handover, after, input);
  for (const key of ['escalation', 'bug'] as const) {
    const draft = drafts[key];
    if (draft !== undefined) drafts[key] = withCustomerFiles(draft, after, input);
  }
  return drafts;
}

/**
 * A draft with the customer's files: attached within the per-notification total, the rest (and all
 * of a case SES marked as carrying a virus) as signed links; with none, the empty file fields the
 * strict templates ask for.
 */
export function withCustomerFiles(draft: OutboundDraft, supportCase: SupportCase, input: TeamMailInput): OutboundDraft {
  const customer = input.customerFiles;
  if (customer === undefined) return { ...draft, data: { ...draft.data, ...NO_CASE_FILES } };
  return attachCaseFiles(draft, customer.files, {
    ...customer,
    virus: supportCase.flags.includes('virus'),
    timeZone: input.timeZone,
  });
}

/** The supervisor on duty gets the case: the reason, the customer's latest words and the history. */
function draftEscalation(supportCase: SupportCase, input: TeamMailInput, reason: string): OutboundDraft {
  const supervisor = supervisorOnDuty(input.team, new Date(input.receivedAt));
  return internalDraft(
    supportCase,
    input,
    'escalation',
    { address: supervisor.email, name: supervisor.name },
    {
      reason,
      supervisorName: supervisor.name,
      customerWords: latestCustomerWords(supportCase, input.transcript),
    },
  );
}

/** The note a reply writes (`#note` text and the words under it), or '' when it writes none. */
function noteOf(parsed: ParsedCommands): string {
  if (!parsed.commands.some((c) => c.name === 'note')) return '';
  return [...parsed.commands.flatMap((c) => (c.name === 'note' && c.text ? [c.text] : [])), parsed.body]
    .join('\n')
    .trim();
}

function findCommand<N extends AgentCommand['name']>(
  commands: readonly AgentCommand[],
  name: N,
): Extract<AgentCommand, { name: N }> | undefined {
  return commands.find((c): c is Extract<AgentCommand, { name: N }> => c.name === name);
}
