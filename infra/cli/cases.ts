import { findAgent, type Team } from '../../functions/core/agents.ts';
import type { CaseSummary } from '../../functions/core/case-summary.ts';
import type { CaseStatus } from '../../functions/core/support-case.ts';
import { CaseStore } from '../../functions/adapters/case-store.ts';
import { extractReplyText } from '../../functions/mail/reply-text.ts';
import { booleanOption, commandHelp, OperationError, stringOption, UsageError, type Command } from './command-line.ts';
import { agentName, renderCase, wasCut } from './case-view.ts';
import { formatTable, formatTime, truncate } from './format.ts';
import { storesOf } from './target.ts';
import { QUEUE_OPTION, queueOption, teamStoreOf } from './queue-option.ts';
import { CaseQueues } from '../../functions/adapters/case-queues.ts';
import { DEFAULT_QUEUE_ID } from '../../functions/core/queues.ts';
import { queueIdOf } from '../../functions/core/queue-selection.ts';

const STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending', 'solved'];
const NOT_SOLVED: readonly CaseStatus[] = ['new', 'open', 'pending'];
/** Rows shown unless `--limit` says otherwise: a screenful, newest activity first. */
const DEFAULT_LIMIT = 50;
const SUBJECT_WIDTH = 50;

const list: Command = {
  path: ['cases', 'list'],
  summary: 'Lists cases, latest activity first (default: all not solved)',
  synopsis:
    'cases list [--status STATUS[,STATUS]] [--assignee AGENT|none] [--breached] [--bugs] [--queue ID] [--limit N]',
  details: `Options:
  --status S       new, open, pending, solved or all; several separated by commas (default new,open,pending);
                   solved cases are those of the last 31 days
  --assignee A     only cases assigned to A (agent ID, address or first name), or "none" for unassigned ones
  --breached       only cases that missed a response-time target
  --bugs           only cases waiting on engineering (#bug sent, no #fixed yet), in any status unless --status says
  --queue ID       only cases of that queue; assignees are named from its team (each case's queue is read
                   from the table, as the status index does not hold it: slower on thousands of cases)
  --limit N        at most N cases (default ${DEFAULT_LIMIT})

Example: support cases list --status open,pending --assignee maria --breached`,
  options: {
    status: { type: 'string' },
    assignee: { type: 'string' },
    breached: { type: 'boolean' },
    bugs: { type: 'boolean' },
    limit: { type: 'string' },
    ...QUEUE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    const bugs = booleanOption(values, 'bugs');
    // A bug waits on engineering whatever the case's status (a pending or solved case reopens on #fixed).
    const statuses = parseStatuses(stringOption(values, 'status') ?? (bugs ? 'all' : undefined));
    const limit = parseLimit(stringOption(values, 'limit'));
    const target = await context.target();
    const { cases } = storesOf(target);
    const queue = await queueOption(values, target);
    const { team } = await (await teamStoreOf(target, queue ?? DEFAULT_QUEUE_ID)).current();
    const assignee = parseAssignee(stringOption(values, 'assignee'), team);
    const breached = booleanOption(values, 'breached');
    // The index filters on the server: only matching summaries come back, newest first per status.
    // A queue's cases are picked after (the index holds no queue), so every matching summary is read.
    const filter = {
      ...(queue === undefined ? { limit } : {}),
      ...(assignee === undefined ? {} : { assignee }),
      ...(breached ? { breached } : {}),
      ...(bugs ? { waitingOnEngineering: true } : {}),
    };
    const pages = await Promise.all(statuses.map((status) => cases.byStatus(status, filter)));
    const listed = pages.flatMap((page) => page.cases).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const matching =
      queue === undefined ? listed : await new CaseQueues(target.doc, target.tableName, queue).keep(listed);
    const shown = matching.slice(0, limit);
    const what = `${queue === undefined ? '' : `queue ${queue}, `}status ${statuses.join(', ')}${assignee === undefined ? '' : `, assigned to ${assignee === 'none' ? 'nobody' : agentName(team, assignee)}`}${breached ? ', missed a target' : ''}${bugs ? ', waiting on engineering' : ''}`;
    if (shown.length === 0) {
      context.io.out(`No cases in ${target.label} match (${what}).`);
      return 0;
    }
    context.io.out(
      formatTable(
        ['Case', 'Status', 'Priority', 'Assignee', 'Updated (UTC)', 'Requester', 'Subject', 'Notes'],
        shown.map((c) => caseRow(c, team)),
      ),
    );
    const more = matching.length > limit || pages.some((p) => p.more);
    context.io.out(
      `\n${shown.length} case${shown.length === 1 ? '' : 's'} (${what})${more ? `; more match: --limit ${limit * 2} shows more` : ''}.`,
    );
    return 0;
  },
};

const show: Command = {
  path: ['cases', 'show'],
  summary: 'Shows a case and its whole conversation as a person reads it',
  synopsis: 'cases show CASE_NUMBER',
  details:
    'Who wrote, when and what (the whole text when the filed summary was cut), with attachments;\ninternal notes are marked; notifications, alerts and other automatic mail are one line each.\n\nExample: support cases show 1001',
  options: {},
  positionals: { min: 1, max: 1 },
  async run({ positionals }, context) {
    const caseNumber = parseCaseNumber(positionals[0] ?? '');
    const target = await context.target();
    const { cases, ratings } = storesOf(target);
    const supportCase = (await new CaseStore(target.doc, target.tableName).getCases([caseNumber])).get(caseNumber);
    if (supportCase === undefined) throw new OperationError(`There is no case #${caseNumber} in ${target.label}.`);
    // Its agents are named from its queue's team (a queue no longer configured: the default queue's).
    const teams = await teamStoreOf(target, queueIdOf(supportCase));
    // A case's conversation includes the cases merged into it.
    const [messages, rating, { team }] = await Promise.all([
      Promise.all([caseNumber, ...(supportCase.mergedFrom ?? [])].map((n) => cases.messages(n))).then((m) => m.flat()),
      ratings.current(caseNumber),
      teams.current(),
    ]);
    const fullWords = new Map<string, string>();
    for (const message of messages.filter(wasCut)) {
      const text = (await target.rawMail.getContent(message.textKey ?? '')).toString('utf8');
      fullWords.set(message.messageKey, extractReplyText({ text }).reply.trim() || text);
    }
    context.io.out(renderCase({ supportCase, messages, team, fullWords, ...(rating === undefined ? {} : { rating }) }));
    return 0;
  },
};

export const caseCommands: readonly Command[] = [list, show];

/** A bug reported with #bug and not yet marked #fixed. */
function waitsOnEngineering(c: CaseSummary): boolean {
  return c.bugOpenedAt !== undefined && c.bugFixedAt === undefined;
}

function caseRow(c: CaseSummary, team: Team): string[] {
  const notes = [
    ...((c.slaBreaches ?? []).length > 0 ? [`missed ${(c.slaBreaches ?? []).join(', ')}`] : []),
    ...(waitsOnEngineering(c) ? [`bug since ${formatTime(c.bugOpenedAt ?? '')}`] : []),
    ...(c.mergedInto === undefined ? [] : [`merged into #${c.mergedInto}`]),
    ...c.flags,
  ];
  return [
    `#${c.caseNumber}`,
    c.status,
    c.priority,
    c.assignee === undefined ? '—' : (findAgent(team, c.assignee)?.name ?? c.assignee),
    formatTime(c.updatedAt).replace(' UTC', ''),
    truncate(c.requester?.address ?? '—', 32),
    truncate(c.subject || '(no subject)', SUBJECT_WIDTH),
    notes.join('; '),
  ];
}

function parseStatuses(value: string | undefined): readonly CaseStatus[] {
  if (value === undefined) return NOT_SOLVED;
  const wanted = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (wanted.includes('all')) return STATUSES;
  const unknown = wanted.filter((s) => !STATUSES.includes(s as CaseStatus));
  if (unknown.length > 0 || wanted.length === 0)
    throw new UsageError(
      `--status takes new, open, pending, solved or all (comma-separated), not "${value}"`,
      commandHelp(list),
    );
  return STATUSES.filter((s) => wanted.includes(s));
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit takes a whole number of cases above 0, not "${value}"`, commandHelp(list));
  return limit;
}

/** The agent ID `--assignee` names, or 'none'. */
function parseAssignee(value: string | undefined, team: Team): string | undefined {
  if (value === undefined) return undefined;
  if (['none', 'nobody', 'unassigned'].includes(value.toLowerCase())) return 'none';
  const agent = findAgent(team, value);
  if (agent === undefined)
    throw new UsageError(
      `--assignee: no agent has the ID, address or first name "${value}" (agents: ${team.agents.map((a) => `${a.agentId} ${a.name}`).join(', ')})`,
      commandHelp(list),
    );
  return agent.agentId;
}

/** "1001" or "#1001". */
export function parseCaseNumber(value: string): number {
  const number = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`a case number is a whole number such as 1001, not "${value}"`, commandHelp(show));
  return number;
}
