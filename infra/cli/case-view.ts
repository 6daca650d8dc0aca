import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { findAgent, type Team } from '../../functions/core/agents.ts';
import { describePerson } from '../../functions/core/history.ts';
import { MAX_TEXT_SUMMARY_CHARS } from '../../functions/core/new-case.ts';
import type { RatingEvent } from '../../functions/core/ratings.ts';
import type { CaseMessage, MailAddress, SupportCase } from '../../functions/core/support-case.ts';
import { formatSize, SHORTENED_MARK } from '../../functions/core/transcript.ts';
import { formatDuration, formatTime, indent } from './format.ts';

/** What `support cases show` prints: the case and its whole conversation. */
export interface CaseView {
  readonly supportCase: SupportCase;
  /** Every message of the case, any order. */
  readonly messages: readonly CaseMessage[];
  readonly rating?: RatingEvent;
  readonly team: Team;
  /** Whole words of messages whose filed words were cut (see wasCut), by message key. */
  readonly fullWords?: ReadonlyMap<string, string>;
}

const ANSWER_LABEL = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' } as const;

/** Messages a person reads in full; everything else is one line of what happened. */
const READ_IN_FULL = (m: CaseMessage) =>
  (m.direction === 'inbound' && (m.kind === 'customer' || m.kind === 'note')) ||
  (m.direction === 'outbound' && (m.kind === 'agent-reply' || (m.kind === 'closing' && (m.words ?? '') !== '')));

/** Whether a message's filed words are only the start of it, so the whole text is worth reading from S3. */
export function wasCut(message: CaseMessage): boolean {
  if (message.textKey === undefined || !READ_IN_FULL(message)) return false;
  return message.words === undefined
    ? message.textSummary.length >= MAX_TEXT_SUMMARY_CHARS
    : message.words.endsWith(SHORTENED_MARK);
}

/** The case as a person reads it: a header of facts, then the conversation in order. */
export function renderCase(view: CaseView): string {
  const c = view.supportCase;
  const since = (at: string | undefined) =>
    at === undefined ? '—' : `${formatTime(at)} (after ${formatDuration(Date.parse(at) - Date.parse(c.createdAt))})`;
  const assignee = c.assignee === undefined ? 'nobody' : agentName(view.team, c.assignee);
  const facts: Array<[string, string]> = [
    ['Requester', describePerson(c.requester)],
    ['Participants', c.participants.join(', ') || '—'],
    ...(c.queue === undefined ? [] : [['Queue', c.queue] as [string, string]]),
    ['Status', `${c.status}, priority ${c.priority}, assigned to ${assignee}`],
    ['Created', formatTime(c.createdAt)],
    ['First response', since(c.firstResponseAt)],
    ['Solved', since(c.solvedAt)],
    ['Flags', c.flags.join(', ') || 'none'],
    ['Missed targets', (c.slaBreaches ?? []).join(', ') || 'none'],
    ...(c.previousCase === undefined ? [] : [['Follows case', `#${c.previousCase}`] as [string, string]]),
    ...(c.bouncing === undefined || c.bouncing.length === 0
      ? []
      : [['Bouncing', c.bouncing.join(', ')] as [string, string]]),
    ['Rating', view.rating === undefined ? 'none' : describeRating(view.rating, view.team)],
    ...loopFacts(c),
  ];
  const ordered = [...view.messages].sort((a, b) => a.messageKey.localeCompare(b.messageKey));
  return [
    `Case #${c.caseNumber}: ${c.subject}`,
    ...facts.map(([label, value]) => `  ${label.padEnd(15)}${value}`),
    '',
    `Conversation, oldest first (${ordered.length} message${ordered.length === 1 ? '' : 's'}; internal notes marked, automatic mail on one line):`,
    '',
    ...ordered.map((m) => renderMessage(m, view)),
  ].join('\n');
}

function renderMessage(m: CaseMessage, view: CaseView): string {
  const at = formatTime(m.date);
  if (!READ_IN_FULL(m)) return `${at}  · ${describeEvent(m, view.team)}`;
  const full = view.fullWords?.get(m.messageKey);
  const words = (full ?? m.words ?? m.textSummary).trim() || '(no text)';
  const heading =
    m.kind === 'note'
      ? `[internal note] ${describePerson(m.from)}:`
      : m.direction === 'outbound'
        ? `${m.from?.name ?? 'Support'} ${m.kind === 'closing' ? 'solved the case, writing' : 'wrote'} to ${addresses(m.to)}:`
        : `${describePerson(m.from)} wrote:`;
  const attachments =
    m.attachments.length === 0
      ? []
      : [
          `    Attachments: ${m.attachments.map((a) => `${a.filename} (${a.contentType}, ${formatSize(a.size)})`).join(', ')}`,
        ];
  // The stored raw message is what `support replay` takes.
  const raw = m.direction === 'inbound' && m.rawKey !== undefined ? [`    Raw message: ${m.rawKey}`] : [];
  return [
    `${at}  ${heading}`,
    indent(words),
    ...(full === undefined ? [] : ['    (whole text, read from the stored message)']),
    ...attachments,
    ...raw,
    '',
  ].join('\n');
}

/** One line for mail a person does not need to read: notifications, alerts, the pipeline's own mail. */
function describeEvent(m: CaseMessage, team: Team): string {
  const to = addresses(m.to);
  switch (m.kind) {
    case 'acknowledgement':
      return `acknowledgement to ${to}`;
    case 'agent-notification':
      return `notification to ${to}: ${m.subject}`;
    case 'agent-notice':
      return `notice to ${to}: ${m.subject}`;
    case 'escalation':
      return `escalated to ${to}`;
    case 'bug-report':
      return `bug report to ${to}: ${m.subject}`;
    case 'follow-up':
      return `automatic follow-up to ${to}`;
    case 'transcript':
      return `transcript sent to ${to}`;
    case 'closing':
      return `closing message (survey and transcript) to ${to}`;
    case 'bounce':
      return `bounce report from ${describePerson(m.from)}: ${m.subject}`;
    case 'agent-reply': {
      // The agent's own mail; the customer's copy of the answer is its own entry.
      const agent = findAgent(team, m.from?.address ?? '');
      const commands = parseAgentCommands(m.words ?? m.textSummary).commands.map((c) => `#${c.name}`);
      return `${agent === undefined ? describePerson(m.from) : `${agent.name} (${agent.agentId})`} answered by mail${commands.length > 0 ? `: ${commands.join(' ')}` : ''}`;
    }
    default:
      return `${m.kind} ${m.direction === 'inbound' ? `from ${describePerson(m.from)}` : `to ${to}`}: ${m.subject}`;
  }
}

function describeRating(rating: RatingEvent, team: Team): string {
  const comment = rating.comment ? `: "${rating.comment}"` : '';
  return `${ANSWER_LABEL[rating.answer]}, ${formatTime(rating.ratedAt)}, for ${agentName(team, rating.agentId)}${comment}`;
}

/** "Maria Lopez (A-101)", or the bare ID of someone no longer on the team. */
/** The bug loop and merges, for `cases show`: only what applies to the case. */
function loopFacts(c: CaseView['supportCase']): Array<[string, string]> {
  return [
    ...(c.bugOpenedAt === undefined
      ? []
      : [
          [
            'Bug',
            `reported ${formatTime(c.bugOpenedAt)}, ${c.bugFixedAt === undefined ? 'waiting on engineering' : `fixed ${formatTime(c.bugFixedAt)}`}`,
          ] as [string, string],
        ]),
    ...(c.mergedInto === undefined ? [] : [['Merged into', `#${c.mergedInto}`] as [string, string]]),
    ...((c.mergedFrom ?? []).length === 0
      ? []
      : [['Merged in', (c.mergedFrom ?? []).map((n) => `#${n}`).join(', ')] as [string, string]]),
  ];
}

export function agentName(team: Team, agentId: string): string {
  const agent = findAgent(team, agentId);
  return agent === undefined ? agentId : `${agent.name} (${agent.agentId})`;
}

const addresses = (list: readonly MailAddress[]) => list.map((a) => a.address).join(', ') || 'nobody';
