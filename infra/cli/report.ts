import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { gatherReportFigures } from '../../functions/reports/gather-figures.ts';
import { booleanOption, commandHelp, stringOption, UsageError, type Command } from './command-line.ts';
import { renderReportHtml } from './report-html.ts';
import { renderReportText } from './report-text.ts';
import { parseWindow, WindowError } from './report-window.ts';
import { storesOf } from './target.ts';
import { QUEUE_OPTION, queueOption, teamStoreOf } from './queue-option.ts';
import { CaseQueues } from '../../functions/adapters/case-queues.ts';
import { DEFAULT_QUEUE_ID } from '../../functions/core/queues.ts';

/** A month: long enough to have ratings worth comparing, short enough to be about the team as it is now. */
const DEFAULT_SINCE = '30d';

const report: Command = {
  path: ['report'],
  summary: 'Ratings, response times, weekly trends and the open backlog, ranked by positive ratings',
  synopsis:
    'report [--since 30d|2w|12h|2026-11-01] [--until 2026-12-01] [--month 2026-11] [--queue ID] [--json] [--html FILE] [--digest]',
  details: `Agents are ranked by their share of "Great" ratings, then by how many, never by volume; an
agent with fewer ratings than reports.minRatingsToRank (default 5) is listed apart.

Options:
  --since WHEN     the start: hours, days or weeks back (12h, 30d, 2w), or a date or ISO time (default ${DEFAULT_SINCE})
  --until WHEN     the end: a date (its midnight UTC, so the date itself is left out) or ISO time (default now)
  --month YYYY-MM  one calendar month in UTC, instead of --since and --until
  --queue ID       only that queue's cases, their ratings and backlog, with its team (default: every case)
  --json           the figures as JSON, for machines
  --html FILE      also write the report as one self-contained page with charts (no scripts), and print its path
  --digest         mail the weekly digest (the last 7 days) to every supervisor now, as the Monday schedule does

Example: support report --month 2026-11 --html report.html`,
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    month: { type: 'string' },
    json: { type: 'boolean' },
    html: { type: 'string' },
    digest: { type: 'boolean' },
    ...QUEUE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    if (booleanOption(values, 'digest')) {
      const others = ['since', 'until', 'month', 'json', 'html', 'queue'].filter((o) => values[o] !== undefined);
      if (others.length > 0)
        throw new UsageError(
          `--digest always covers the last 7 days; leave out --${others.join(', --')}`,
          commandHelp(report),
        );
      return sendDigest(context);
    }
    let window: ReturnType<typeof parseWindow>;
    try {
      const [since, until, month] = (['since', 'until', 'month'] as const).map((o) => stringOption(values, o));
      window = parseWindow(
        {
          ...(since === undefined ? {} : { since }),
          ...(until === undefined ? {} : { until }),
          ...(month === undefined ? {} : { month }),
        },
        context.now(),
        DEFAULT_SINCE,
      );
    } catch (error) {
      if (error instanceof WindowError) throw new UsageError(error.message, commandHelp(report));
      throw error;
    }
    const html = stringOption(values, 'html');
    if (html !== undefined && html.trim() === '') throw new UsageError('--html needs a file name', commandHelp(report));
    const target = await context.target();
    const { cases, ratings } = storesOf(target);
    const queue = await queueOption(values, target);
    const store = await teamStoreOf(target, queue ?? DEFAULT_QUEUE_ID);
    const [{ team }, policy] = await Promise.all([store.current(), target.reportPolicy()]);
    const figures = await gatherReportFigures({
      cases,
      ratings,
      team,
      window,
      policy,
      ...(queue === undefined ? {} : { queue: new CaseQueues(target.doc, target.tableName, queue) }),
    });
    context.io.out(
      booleanOption(values, 'json')
        ? JSON.stringify({ target: target.label, ...figures }, null, 2)
        : renderReportText(figures, target.label),
    );
    if (html !== undefined) {
      const path = resolve(html);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, renderReportHtml(figures, target.label));
      (booleanOption(values, 'json') ? context.io.err : context.io.out)(`\nReport page written to ${path}`);
    }
    return 0;
  },
};

/** `--digest`: the weekly digest, now, through the stack's own function and SES. */
async function sendDigest(context: Parameters<Command['run']>[1]): Promise<number> {
  const target = await context.target();
  const outcome = await target.sendWeeklyDigest();
  context.io.out(
    outcome.sent.length === 0
      ? `No weekly digest sent from ${target.label}: no supervisor to mail.`
      : `Weekly digest of the last 7 days mailed to ${outcome.sent.join(', ')} from ${target.label}.`,
  );
  return 0;
}

export const reportCommands: readonly Command[] = [report];
