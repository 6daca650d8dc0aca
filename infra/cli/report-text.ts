import { TEAM_SPEAKER_ID } from '../../functions/core/customer-message.ts';
import { durationOrDash, shareOrDash } from '../../functions/core/figure-words.ts';
import type { RatingComment } from '../../functions/core/ratings.ts';
import type { AgentFigures, ReportFigures } from '../../functions/core/report-figures.ts';
import { formatShare, formatTable, formatTime, truncate } from './format.ts';
import { renderOperationsText } from './report-text-operations.ts';

/** Comments printed in the terminal (the page shows them all). */
const MAX_COMMENTS_SHOWN = 10;
const ANSWER_LABEL = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' } as const;
const HEADER = [
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
];

/** How the figures are counted, in the words both the terminal report and the page end with. */
export function countingNote(minRatingsToRank: number): string {
  return [
    'Agents are ranked by their share of "Great" ratings, then by how many they got; never by volume.',
    `An agent needs ${minRatingsToRank} rating${minRatingsToRank === 1 ? '' : 's'} in the window to be ranked; below that they are listed apart.`,
    'A rating counts once per case (the latest), for the agent who solved the case, if it was given in the window.',
    'Answered counts first answers in the window for the agent who wrote them; solved counts solving for the agent',
    'who solved (cases from before that was recorded count for their assignee). Times are wall-clock from the',
    "customer's first mail to our first answer or to solved (response-time targets count business hours instead).",
    'Weeks start on Monday (UTC). The backlog and the bugs waiting are as of the end of the window.',
  ].join('\n');
}

/** One agent's (or everyone's) cells of the agents table. */
export function agentCells(name: string, f: Omit<AgentFigures, 'agentId' | 'name'>): string[] {
  return [
    name,
    f.ratings.count === 0 ? '—' : formatShare(f.ratings.positiveShare),
    String(f.ratings.count),
    String(f.ratings.positive),
    String(f.ratings.neutral),
    String(f.ratings.negative),
    String(f.answered),
    durationOrDash(f.medianFirstResponseMs),
    String(f.solved),
    durationOrDash(f.medianResolutionMs),
  ];
}

/** The report for a terminal: ranked agents, those with too few ratings, the weeks, the backlog, comments. */
export function renderReportText(figures: ReportFigures, where: string): string {
  const { overall } = figures;
  const names = new Map([...figures.agents, ...figures.unranked].map((a) => [a.agentId, agentLabel(a)]));
  const comments = commentsOf(figures);
  const tooFew = `Too few ratings to rank (fewer than ${figures.minRatingsToRank}):`;
  return [
    `Support report for ${where}: ${figures.window.label} (${formatTime(figures.window.from)} to ${formatTime(figures.window.to)})`,
    '',
    ...(figures.agents.length === 0
      ? [`No agent has ${figures.minRatingsToRank} ratings in this window to be ranked.`]
      : []),
    formatTable(HEADER, [
      ...figures.agents.map((a) => agentCells(agentLabel(a), a)),
      agentCells('All agents', overall),
    ]),
    ...(figures.unranked.length === 0
      ? []
      : [
          '',
          tooFew,
          formatTable(
            HEADER,
            figures.unranked.map((a) => agentCells(agentLabel(a), a)),
          ),
        ]),
    '',
    `Overall: ${overall.opened} case${overall.opened === 1 ? '' : 's'} opened, ${overall.answered} answered, ${overall.solved} solved; ` +
      `${overall.ratings.count} rated, ${shareOrDash(overall.ratings.count === 0 ? undefined : overall.ratings.positiveShare)} of them "Great"; ` +
      `${overall.missedTarget} of the cases opened missed a response-time target; ${overall.recoveries} recovered; ` +
      `bugs: ${overall.bugsOpened} sent to engineering, ${overall.bugsFixed} fixed.`,
    '',
    renderOperationsText(figures),
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
    countingNote(figures.minRatingsToRank),
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
  return [...figures.agents, ...figures.unranked]
    .flatMap((a) => a.ratings.comments.map((c) => ({ ...c, agentId: a.agentId })))
    .sort((a, b) => b.ratedAt.localeCompare(a.ratedAt));
}
