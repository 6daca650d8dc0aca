import { durationOrDash, formatDuration, shareOrDash } from '../../functions/core/figure-words.ts';
import type { ReportFigures } from '../../functions/core/report-figures.ts';
import { formatTable, truncate } from './format.ts';

/** The weekly trend, the open backlog by age and by assignee, and the bugs waiting on engineering, as text. */
export function renderOperationsText(figures: ReportFigures): string {
  const { weeks, backlog, bugsWaiting } = figures;
  const names = new Map([...figures.agents, ...figures.unranked].map((a) => [a.agentId, a.name]));
  return [
    'Week by week (weeks start on Monday, UTC):',
    formatTable(
      ['Week of', 'Opened', 'Median 1st response', 'Missed a target', 'Rated', 'Positive', 'Recovered'],
      weeks.map((w) => [
        w.weekStart.slice(0, 10),
        String(w.opened),
        durationOrDash(w.medianFirstResponseMs),
        String(w.breaches),
        String(w.rated),
        shareOrDash(w.positiveShare),
        String(w.recoveries),
      ]),
    ),
    '',
    `Open backlog: ${backlog.total} case${backlog.total === 1 ? '' : 's'} not solved.`,
    `  By age: ${backlog.byAge.map((b) => `${b.label} ${b.count}`).join(', ')}`,
    `  By assignee: ${backlog.byAssignee.length === 0 ? 'none' : backlog.byAssignee.map((a) => `${a.name} ${a.count}`).join(', ')}`,
    '',
    bugsWaiting.length === 0
      ? 'Bugs waiting on engineering: none.'
      : [
          `Bugs waiting on engineering: ${bugsWaiting.length}`,
          ...bugsWaiting.map(
            (b) =>
              `  #${b.caseNumber}  waiting ${formatDuration(b.waitingMs)}  ${b.status}  ${names.get(b.assignee) ?? b.assignee}  ${truncate(b.subject || '(no subject)', 60)}`,
          ),
        ].join('\n'),
  ].join('\n');
}
