import { durationOrDash } from '../../functions/core/figure-words.ts';
import type { AgentFigures, ReportFigures } from '../../functions/core/report-figures.ts';
import { formatDuration, formatShare, formatTime } from './format.ts';
import { escapeHtml } from './html-escape.ts';
import { backlogHtml, trendsHtml } from './report-html-trends.ts';
import { agentCells, agentLabel, commentsOf, countingNote } from './report-text.ts';

export { escapeHtml };

const ANSWER_LABEL = { great: 'Great', okay: 'Okay', 'not-good': 'Not good' } as const;
const COLOURS = { bar: '#0b5cad', great: '#2e7d32', okay: '#f9a825', notGood: '#c62828', grid: '#d0d7de' } as const;
const CHART = { width: 720, labelWidth: 230, rowHeight: 30, barHeight: 18, valueWidth: 110 } as const;

interface Bar {
  readonly label: string;
  /** Segments drawn left to right, in the chart's unit. */
  readonly segments: ReadonlyArray<{ readonly value: number; readonly colour: string }>;
  /** What is written after the bar. */
  readonly text: string;
}

/** A horizontal bar chart as inline SVG, with a text alternative for screen readers. */
function barChart(title: string, bars: readonly Bar[], max: number): string {
  const plot = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const height = bars.length * CHART.rowHeight + 10;
  const scale = (v: number) => (max <= 0 ? 0 : (v / max) * plot);
  const rows = bars.map((bar, i) => {
    const y = i * CHART.rowHeight + 5;
    let x = CHART.labelWidth;
    const rects = bar.segments.map((s) => {
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${scale(s.value).toFixed(1)}" height="${CHART.barHeight}" fill="${s.colour}"/>`;
      x += scale(s.value);
      return rect;
    });
    const textY = y + CHART.barHeight - 4;
    return `<text x="${CHART.labelWidth - 8}" y="${textY}" text-anchor="end">${escapeHtml(bar.label)}</text>${rects.join('')}<text x="${(x + 6).toFixed(1)}" y="${textY}">${escapeHtml(bar.text)}</text>`;
  });
  const summary = bars.map((b) => `${b.label}: ${b.text}`).join('; ');
  return `<figure><svg role="img" aria-label="${escapeHtml(`${title}. ${summary}`)}" viewBox="0 0 ${CHART.width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet"><line x1="${CHART.labelWidth}" y1="0" x2="${CHART.labelWidth}" y2="${height}" stroke="${COLOURS.grid}"/>${rows.join('')}</svg></figure>`;
}

/** The headline figures, one card each. */
function cardsHtml(figures: ReportFigures): string {
  const { overall } = figures;
  const cards: Array<[string, string]> = [
    ['Opened', String(overall.opened)],
    ['Answered', String(overall.answered)],
    ['Solved', String(overall.solved)],
    ['Rated', String(overall.ratings.count)],
    ['Positive', overall.ratings.count === 0 ? '—' : formatShare(overall.ratings.positiveShare)],
    ['Median first response', durationOrDash(overall.medianFirstResponseMs)],
    ['Median resolution', durationOrDash(overall.medianResolutionMs)],
    ['Missed a target', String(overall.missedTarget)],
    ['Recovered', String(overall.recoveries)],
    ['Open now', String(figures.backlog.total)],
    ['Bugs waiting', String(figures.bugsWaiting.length)],
  ];
  return `<div class="cards">${cards.map(([label, value]) => `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`).join('')}</div>`;
}

/** The report as one self-contained page: inline style, inline SVG charts, no script, every value escaped. */
export function renderReportHtml(figures: ReportFigures, where: string): string {
  const { overall } = figures;
  // Ranked agents first, then those with too few ratings to rank, so the charts show everyone.
  const agents = [...figures.agents, ...figures.unranked];
  const hours = (ms: number | undefined) => (ms ?? 0) / 3_600_000;
  const timed = (pick: (a: AgentFigures) => number | undefined) => agents.filter((a) => pick(a) !== undefined);
  const maxOf = (values: number[]) => Math.max(0, ...values);
  const shareChart = barChart(
    'Share of positive ratings',
    agents.map((a) => ({
      label: agentLabel(a),
      segments: [{ value: a.ratings.positiveShare * 100, colour: COLOURS.bar }],
      text: a.ratings.count === 0 ? 'not rated' : `${formatShare(a.ratings.positiveShare)} of ${a.ratings.count}`,
    })),
    100,
  );
  const ratingsChart = barChart(
    'Ratings',
    agents.map((a) => ({
      label: agentLabel(a),
      segments: [
        { value: a.ratings.positive, colour: COLOURS.great },
        { value: a.ratings.neutral, colour: COLOURS.okay },
        { value: a.ratings.negative, colour: COLOURS.notGood },
      ],
      text: `${a.ratings.positive} / ${a.ratings.neutral} / ${a.ratings.negative}`,
    })),
    maxOf(agents.map((a) => a.ratings.count)),
  );
  const timeChart = (
    title: string,
    pick: (a: AgentFigures) => number | undefined,
    count: (a: AgentFigures) => number,
  ) =>
    barChart(
      title,
      timed(pick).map((a) => ({
        label: agentLabel(a),
        segments: [{ value: hours(pick(a)), colour: COLOURS.bar }],
        text: `${formatDuration(pick(a) ?? 0)} (${count(a)})`,
      })),
      maxOf(timed(pick).map((a) => hours(pick(a)))),
    );
  const cell = (v: string) => `<td>${escapeHtml(v)}</td>`;
  const tableRow = (label: string, f: Omit<AgentFigures, 'agentId' | 'name'>) =>
    `<tr><th scope="row">${escapeHtml(label)}</th>${agentCells(label, f).slice(1).map(cell).join('')}</tr>`;
  const tableHead = `<thead><tr>${['Agent', 'Positive', 'Ratings', 'Great', 'Okay', 'Not good', 'Answered', 'Median 1st response', 'Solved', 'Median resolution'].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`;
  const names = new Map(agents.map((a) => [a.agentId, agentLabel(a)]));
  const comments = commentsOf(figures).map(
    (c) =>
      `<li><span class="answer ${escapeHtml(c.answer)}">${escapeHtml(ANSWER_LABEL[c.answer])}</span> <b>#${c.caseNumber}</b> · ${escapeHtml(names.get(c.agentId) ?? c.agentId)} · ${escapeHtml(formatTime(c.ratedAt))}<blockquote>${escapeHtml(c.comment)}</blockquote></li>`,
  );
  const title = `Support report: ${figures.window.label}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem}.meta{color:#59636e;margin-top:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.6rem}.card{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .75rem}
.card b{display:block;font-size:1.4rem}.card span{color:#59636e;font-size:.85rem}
figure{margin:0 0 1rem}figcaption{font-weight:600;font-size:.95rem}svg text{font:13px system-ui,sans-serif;fill:#1f2328}svg text.axis{fill:#59636e;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:.9rem}th[scope=row]{white-space:nowrap}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:right}th:first-child,thead th:first-child{text-align:left}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem;vertical-align:middle}
ul.comments{list-style:none;padding:0}ul.comments li{margin:.8rem 0}blockquote{margin:.3rem 0 0 1rem;color:#3d444d;white-space:pre-wrap}
.answer{font-weight:600}.great{color:${COLOURS.great}}.okay{color:#a86b00}.not-good{color:${COLOURS.notGood}}.note{color:#59636e;white-space:pre-line;font-size:.9rem}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(`${where} · ${formatTime(figures.window.from)} to ${formatTime(figures.window.to)}`)}</p>
${cardsHtml(figures)}
<h2>Share of positive ratings</h2>
${shareChart}
<h2>Ratings</h2>
<p class="legend"><span style="background:${COLOURS.great}"></span>Great<span style="background:${COLOURS.okay}"></span>Okay<span style="background:${COLOURS.notGood}"></span>Not good</p>
${ratingsChart}
<h2>Median time to first response</h2>
${timeChart(
  'Median time to first response',
  (a) => a.medianFirstResponseMs,
  (a) => a.answered,
)}
<h2>Median time to resolution</h2>
${timeChart(
  'Median time to resolution',
  (a) => a.medianResolutionMs,
  (a) => a.solved,
)}
<h2>Agents ranked by share of positive ratings</h2>
${figures.agents.length === 0 ? `<p>No agent has ${figures.minRatingsToRank} ratings in this window to be ranked.</p>` : `<table>${tableHead}<tbody>${figures.agents.map((a) => tableRow(agentLabel(a), a)).join('')}${tableRow('All agents', overall)}</tbody></table>`}
${figures.unranked.length === 0 ? '' : `<h2 id="unranked">Too few ratings to rank (fewer than ${figures.minRatingsToRank})</h2>\n<table>${tableHead}<tbody>${figures.unranked.map((a) => tableRow(agentLabel(a), a)).join('')}</tbody></table>`}
<h2>Week by week</h2>
${trendsHtml(figures.weeks)}
${backlogHtml(figures)}
<h2>Comments</h2>
${comments.length === 0 ? '<p>No comments in this window.</p>' : `<ul class="comments">${comments.join('')}</ul>`}
<h2>How this counts</h2>
<p class="note">${escapeHtml(countingNote(figures.minRatingsToRank))}</p>
</body>
</html>
`;
}
