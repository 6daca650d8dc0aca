import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CaseStatus } from '../../functions/core/support-case.ts';
import { booleanOption, commandHelp, stringOption, UsageError, type Command } from './command-line.ts';
import { buildReport } from './report-figures.ts';
import { renderReportHtml } from './report-html.ts';
import { renderReportText } from './report-text.ts';
import { parseSince, WindowError } from './report-window.ts';
import { storesOf } from './target.ts';

/** A month: long enough to have ratings worth comparing, short enough to be about the team as it is now. */
const DEFAULT_SINCE = '30d';
const STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending', 'solved'];

const report: Command = {
  path: ['report'],
  summary: 'Ratings and response times per agent, ranked by positive ratings',
  synopsis: 'report [--since 30d|2w|12h|2026-11-01] [--json] [--html FILE]',
  details: `Agents are ranked by their share of "Great" ratings, then by how many, never by volume.

Options:
  --since WHEN     the window: hours, days or weeks back (12h, 30d, 2w), or a date or ISO time (default ${DEFAULT_SINCE})
  --json           the figures as JSON, for machines
  --html FILE      also write the report as one self-contained page with charts (no scripts), and print its path

Example: support report --since 7d --html report.html`,
  options: { since: { type: 'string' }, json: { type: 'boolean' }, html: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ values }, context) {
    let window: ReturnType<typeof parseSince>;
    try {
      window = parseSince(stringOption(values, 'since') ?? DEFAULT_SINCE, context.now());
    } catch (error) {
      if (error instanceof WindowError) throw new UsageError(error.message, commandHelp(report));
      throw error;
    }
    const html = stringOption(values, 'html');
    if (html !== undefined && html.trim() === '') throw new UsageError('--html needs a file name', commandHelp(report));
    const target = await context.target();
    const { cases, ratings, teams } = storesOf(target);
    // Every case answered, solved or opened in the window was updated in it: the index's sort key bounds the read.
    const [pages, events, { team }] = await Promise.all([
      Promise.all(STATUSES.map((status) => cases.byStatus(status, { since: window.from }))),
      ratings.between(window.from, window.to),
      teams.current(),
    ]);
    const figures = buildReport({ window, cases: pages.flatMap((p) => p.cases), ratings: events, team });
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

export const reportCommands: readonly Command[] = [report];
