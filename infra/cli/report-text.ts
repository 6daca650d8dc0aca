import { TEAM_SPEAKER_ID } from '../../functions/core/customer-message.ts';
import type { RatingComment } from '../../functions/core/ratings.ts';
import { formatDuration, formatShare, formatTable, formatTime, truncate } from './format.ts';
import type { AgentFigures, ReportFigures } from './report-figures.ts';

/** Comments printed in the terminal (the page shows them all). */
const MAX_COMMENTS_SHOWN = 10;
const ANSWER_LABEL = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' } as const;

/** How the figures are counted, in the words both the terminal report and the page end with. */
export const COUNTING_NOTE = [
  'Agents are ranked by their share of "Great" ratings, then by how many they got; never by volume.',
  'A rating counts once per case (the latest), for the agent who solved the case, if it was given in the window.',
  'Answered and solved count cases whose first answer or solving fell in the window, for the agent the case',
  "is assigned to now, read from the cases updated in the window. Times are wall-clock from the customer's",
  'first mail to our first answer or to solved (response-time targets count business hours instead).',
].join('\n');

/** The report for a terminal: a table of agents, the overall line, recent comments, how it counts. */
export function renderReportText(figures: ReportFigures, where: string): string {
  const { overall } = figures;
  const row = (name: string, f: Omit<AgentFigures, 'agentId' | 'name'>) => [
    name,
    f.ratings.count === 0 ? '—' : formatShare(f.ratings.positiveShare),
    String(f.ratings.count),
    String(f.ratings.positive),
    String(f.ratings.neutral),
    String(f.ratings.negative),
    String(f.answered),
    f.medianFirstResponseMs === undefined ? '—' : formatDuration(f.medianFirstResponseMs),
    String(f.solved),
    f.medianResolutionMs === undefined ? '—' : formatDuration(f.medianResolutionMs),
  ];
  const table = formatTable(
    [
      'Agent',
      'Positive',
      'Ratings',
      'Great',
      'Okay',
      'Not good',
      'Answered',
      'Median 1st response',
      'Solved',
      'Median resolution',
    ],
    [...figures.agents.map((a) => row(agentLabel(a), a)), row('All agents', overall)],
  );
  const names = new Map(figures.agents.map((a) => [a.agentId, agentLabel(a)]));
  const comments = commentsOf(figures);
  return [
    `Support report for ${where}: ${figures.window.label} (${formatTime(figures.window.from)} to ${formatTime(figures.window.to)})`,
    '',
    table,
    '',
    `Overall: ${overall.opened} case${overall.opened === 1 ? '' : 's'} opened, ${overall.answered} answered, ${overall.solved} solved; ` +
      `${overall.ratings.count} rated, ${overall.ratings.count === 0 ? 'none' : formatShare(overall.ratings.positiveShare)} of them "Great"; ` +
      `${overall.missedTarget} of the cases opened missed a response-time target.`,
    ...(comments.length === 0
      ? []
      : [
          '',
          `Latest comments${comments.length > MAX_COMMENTS_SHOWN ? ` (${MAX_COMMENTS_SHOWN} of ${comments.length}; --html or --json for all)` : ''}:`,
          ...comments
            .slice(0, MAX_COMMENTS_SHOWN)
            .map(
              (c) =>
                `  ${ANSWER_LABEL[c.answer].padEnd(8)}  #${c.caseNumber}  ${names.get(c.agentId) ?? c.agentId}  ${formatTime(c.ratedAt)}  "${truncate(c.comment, 100)}"`,
            ),
        ]),
    '',
    COUNTING_NOTE,
  ].join('\n');
}

/** "Maria Lopez (A-101)". */
export function agentLabel(agent: Pick<AgentFigures, 'agentId' | 'name'>): string {
  return agent.name === agent.agentId
    ? agent.agentId
    : agent.agentId === TEAM_SPEAKER_ID
      ? agent.name
      : `${agent.name} (${agent.agentId})`;
}

/** Every comment of the window, newest first, with the agent it was for. */
export function commentsOf(figures: ReportFigures): Array<RatingComment & { readonly agentId: string }> {
  return figures.agents
    .flatMap((a) => a.ratings.comments.map((c) => ({ ...c, agentId: a.agentId })))
    .sort((a, b) => b.ratedAt.localeCompare(a.ratedAt));
}
