import type { CaseReader } from '../adapters/case-reader.ts';
import type { CaseQueues } from '../adapters/case-queues.ts';
import type { RatingStore } from '../adapters/rating-store.ts';
import type { Team } from '../core/agents.ts';
import { buildReport, type ReportFigures } from '../core/report-figures.ts';
import type { ReportPolicy, ReportWindow } from '../core/report-policy.ts';
import { startCaseTally, tallyCase } from '../core/report-tally.ts';
import type { CaseStatus } from '../core/support-case.ts';

const STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending', 'solved'];
const NOT_SOLVED: readonly CaseStatus[] = ['new', 'open', 'pending'];

/**
 * The figures of a report: the summaries of cases updated in the window, folded page by page (every
 * case answered, solved or opened in the window was updated in it), the open backlog, and the
 * window's ratings. The support CLI and the weekly digest read the same way.
 */
export async function gatherReportFigures(input: {
  readonly cases: CaseReader;
  readonly ratings: RatingStore;
  readonly team: Team;
  readonly window: ReportWindow;
  readonly policy: ReportPolicy;
  /** Only the cases of one queue, and their ratings (`support report --queue`); every case without it. */
  readonly queue?: Pick<CaseQueues, 'keep'>;
}): Promise<ReportFigures> {
  const { window, queue } = input;
  const tally = startCaseTally(window);
  const kept = async <T extends { readonly caseNumber: number }>(items: readonly T[]) =>
    queue === undefined ? [...items] : queue.keep(items);
  // A queue's pages are filtered as they come (one read of their queues each), then tallied.
  const filtered: Promise<void>[] = [];
  const [, backlogPages, events] = await Promise.all([
    input.cases.forEachReported(STATUSES, window.from, window.to, (page) => {
      if (queue === undefined) for (const c of page) tallyCase(tally, c);
      else
        filtered.push(
          queue.keep(page).then((cases) => {
            for (const c of cases) tallyCase(tally, c);
          }),
        );
    }),
    Promise.all(NOT_SOLVED.map((status) => input.cases.byStatus(status))),
    input.ratings.between(window.from, window.to).then(kept),
  ]);
  await Promise.all(filtered);
  return buildReport({
    window,
    cases: tally,
    ratings: events,
    team: input.team,
    openCases: await kept(backlogPages.flatMap((p) => p.cases)),
    minRatingsToRank: input.policy.minRatingsToRank,
  });
}
