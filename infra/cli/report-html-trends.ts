import { durationOrDash, formatDuration, formatShare } from '../../functions/core/figure-words.ts';
import type { ReportFigures, WeekFigures } from '../../functions/core/report-figures.ts';
import { escapeHtml } from './html-escape.ts';

const COLUMN = { width: 720, height: 150, top: 22, bottom: 24, left: 8, gap: 10 } as const;
const COLOUR = { bar: '#0b5cad', breach: '#c62828', good: '#2e7d32', grid: '#d0d7de', age: '#8250df' } as const;

interface Column {
  readonly label: string;
  /** Absent: nothing to draw this week (no answer, no rating). */
  readonly value?: number;
  readonly text: string;
}

/** A column per week as inline SVG, each labelled, with a text alternative for screen readers. */
export function columnChart(title: string, columns: readonly Column[], colour: string, max?: number): string {
  const top = max ?? Math.max(0, ...columns.map((c) => c.value ?? 0));
  const plot = COLUMN.height - COLUMN.top - COLUMN.bottom;
  const width = (COLUMN.width - COLUMN.left) / Math.max(1, columns.length);
  const bars = columns.map((c, i) => {
    const x = COLUMN.left + i * width;
    const h = top <= 0 || c.value === undefined ? 0 : (c.value / top) * plot;
    const y = COLUMN.top + plot - h;
    const middle = (x + (width - COLUMN.gap) / 2).toFixed(1);
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(width - COLUMN.gap).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"/><text x="${middle}" y="${(y - 5).toFixed(1)}" text-anchor="middle">${escapeHtml(c.text)}</text><text x="${middle}" y="${COLUMN.height - 6}" text-anchor="middle" class="axis">${escapeHtml(c.label)}</text>`;
  });
  const summary = columns.map((c) => `${c.label}: ${c.text}`).join('; ');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(`${title}. ${summary}`)}" viewBox="0 0 ${COLUMN.width} ${COLUMN.height}" width="100%" preserveAspectRatio="xMinYMin meet"><line x1="0" y1="${COLUMN.height - COLUMN.bottom}" x2="${COLUMN.width}" y2="${COLUMN.height - COLUMN.bottom}" stroke="${COLOUR.grid}"/>${bars.join('')}</svg></figure>`;
}

const weekLabel = (w: WeekFigures) => w.weekStart.slice(5, 10);

/** The five weekly trends: cases opened, median first response, breaches, positive share, recoveries. */
export function trendsHtml(weeks: readonly WeekFigures[]): string {
  const column = (w: WeekFigures, value: number | undefined, text: string) => ({
    label: weekLabel(w),
    ...(value === undefined ? {} : { value }),
    text,
  });
  return `<div class="trends">${[
    columnChart(
      'Cases opened',
      weeks.map((w) => column(w, w.opened, String(w.opened))),
      COLOUR.bar,
    ),
    columnChart(
      'Median first response',
      weeks.map((w) => column(w, w.medianFirstResponseMs, durationOrDash(w.medianFirstResponseMs))),
      COLOUR.bar,
    ),
    columnChart(
      'Missed a response-time target',
      weeks.map((w) => column(w, w.breaches, String(w.breaches))),
      COLOUR.breach,
    ),
    columnChart(
      'Share of "Great" ratings',
      weeks.map((w) =>
        column(
          w,
          w.positiveShare,
          w.positiveShare === undefined ? 'no ratings' : `${formatShare(w.positiveShare)} of ${w.rated}`,
        ),
      ),
      COLOUR.good,
      1,
    ),
    columnChart(
      'Recoveries',
      weeks.map((w) => column(w, w.recoveries, String(w.recoveries))),
      COLOUR.good,
    ),
  ].join('')}</div>`;
}

/** The open backlog by age and by assignee, and the bugs waiting on engineering. */
export function backlogHtml(figures: ReportFigures): string {
  const { backlog, bugsWaiting } = figures;
  const names = new Map([...figures.agents, ...figures.unranked].map((a) => [a.agentId, a.name]));
  const byAge = columnChart(
    `Open cases by age (${backlog.total} in all)`,
    backlog.byAge.map((b) => ({ label: b.label, value: b.count, text: String(b.count) })),
    COLOUR.age,
  );
  const byAssignee = columnChart(
    'Open cases by assignee',
    backlog.byAssignee.map((a) => ({ label: a.name, value: a.count, text: String(a.count) })),
    COLOUR.bar,
  );
  const bugs =
    bugsWaiting.length === 0
      ? '<p>No bugs are waiting on engineering.</p>'
      : `<table class="bugs"><thead><tr><th scope="col">Case</th><th scope="col">Waiting</th><th scope="col">Status</th><th scope="col">Assignee</th><th scope="col">Subject</th></tr></thead><tbody>${bugsWaiting
          .map(
            (b) =>
              `<tr><th scope="row">#${b.caseNumber}</th><td>${escapeHtml(formatDuration(b.waitingMs))}</td><td>${escapeHtml(b.status)}</td><td>${escapeHtml(names.get(b.assignee) ?? b.assignee)}</td><td>${escapeHtml(b.subject || '(no subject)')}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<h2>Open backlog</h2>${byAge}${byAssignee}<h2>Bugs waiting on engineering (${bugsWaiting.length})</h2>${bugs}`;
}
