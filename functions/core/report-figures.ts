import { findAgent, type Team } from './agents.ts';
import type { CaseSummary } from './case-summary.ts';
import { TEAM_SPEAKER_ID } from './customer-message.ts';
import { latestPerCase, summariseRatings, type RatingEvent, type RatingTally } from './ratings.ts';
import { summariseBacklog, type Backlog, type WaitingBug } from './report-backlog.ts';
import { DEFAULT_REPORT_POLICY, type ReportWindow } from './report-policy.ts';
import { isBugWaiting, startCaseTally, tallyCase, weekOf, type CaseTally } from './report-tally.ts';

/** What one agent did in the window. */
export interface AgentFigures {
  readonly agentId: string;
  /** "Maria Lopez", "the team (unassigned)", or the bare ID of someone no longer on the team. */
  readonly name: string;
  readonly ratings: RatingTally;
  /** First answers in the window this agent wrote. */
  readonly answered: number;
  readonly medianFirstResponseMs?: number;
  /** Cases this agent solved in the window. */
  readonly solved: number;
  readonly medianResolutionMs?: number;
}

/** One week of the trend. */
export interface WeekFigures {
  /** Monday 00:00 UTC (ISO). */
  readonly weekStart: string;
  readonly opened: number;
  readonly medianFirstResponseMs?: number;
  readonly breaches: number;
  readonly rated: number;
  /** Share of "Great" among the week's ratings; absent when nobody rated. */
  readonly positiveShare?: number;
  readonly recoveries: number;
}

export interface ReportFigures {
  readonly window: { readonly from: string; readonly to: string; readonly label: string };
  /** Ratings an agent needs to be ranked. */
  readonly minRatingsToRank: number;
  /** Agents with enough ratings: best share of positive ratings first, then most positive ratings. Never by volume. */
  readonly agents: readonly AgentFigures[];
  /** "Too few ratings to rank": by name. */
  readonly unranked: readonly AgentFigures[];
  readonly overall: Omit<AgentFigures, 'agentId' | 'name'> & {
    /** Cases opened in the window. */
    readonly opened: number;
    /** Cases opened in the window that missed a response-time target. */
    readonly missedTarget: number;
    /** Cases whose later vote was better than an earlier one, in the window. */
    readonly recoveries: number;
    readonly bugsOpened: number;
    readonly bugsFixed: number;
  };
  readonly weeks: readonly WeekFigures[];
  /** Cases not solved, as of the report's end. */
  readonly backlog: Backlog;
  /** Cases handed to engineering and not fixed yet, longest waiting first. */
  readonly bugsWaiting: readonly WaitingBug[];
}

/**
 * The report's figures. Ratings: every rating given in the window, the latest per case, for the
 * agent who solved the case. First answers count for whoever wrote them, solving for whoever
 * solved (both from the cases updated in the window); times are wall-clock from the first mail.
 */
export function buildReport(input: {
  readonly window: ReportWindow;
  /** The cases updated in the window, already tallied page by page, or as a list. */
  readonly cases: CaseTally | readonly CaseSummary[];
  readonly ratings: readonly RatingEvent[];
  readonly team: Team;
  /** Every case not solved now, for the backlog. */
  readonly openCases?: readonly CaseSummary[];
  readonly minRatingsToRank?: number;
}): ReportFigures {
  const { window, team } = input;
  const tally = 'seen' in input.cases ? input.cases : tallyAll(window, input.cases);
  const minRatingsToRank = input.minRatingsToRank ?? DEFAULT_REPORT_POLICY.minRatingsToRank;
  const summary = summariseRatings(input.ratings);
  const ids = new Set([
    ...team.agents.map((a) => a.agentId),
    ...summary.agents.map((a) => a.agentId),
    ...tally.firstResponseMs.keys(),
    ...tally.resolutionMs.keys(),
  ]);
  const agents = [...ids].map(
    (agentId): AgentFigures => ({
      agentId,
      name: agentId === TEAM_SPEAKER_ID ? 'the team (unassigned)' : (findAgent(team, agentId)?.name ?? agentId),
      ratings: summary.agents.find((a) => a.agentId === agentId) ?? summariseRatings([]).overall,
      ...timings(tally.firstResponseMs.get(agentId) ?? [], tally.resolutionMs.get(agentId) ?? []),
    }),
  );
  const openCases = input.openCases ?? [];
  const waiting = [...tally.bugsWaiting.values(), ...openCases.filter(isBugWaiting)];
  const { backlog, bugsWaiting } = summariseBacklog(openCases, waiting, team, window.to);
  const ranked = rankAgents(agents.filter((a) => a.ratings.count >= minRatingsToRank));
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString(), label: window.label },
    minRatingsToRank,
    agents: ranked,
    unranked: agents
      .filter((a) => a.ratings.count < minRatingsToRank)
      .sort((a, b) => b.ratings.count - a.ratings.count || a.name.localeCompare(b.name)),
    overall: {
      ratings: summary.overall,
      ...timings([...tally.firstResponseMs.values()].flat(), [...tally.resolutionMs.values()].flat()),
      opened: tally.opened,
      missedTarget: tally.missedTarget,
      recoveries: tally.recoveries,
      bugsOpened: tally.bugsOpened,
      bugsFixed: tally.bugsFixed,
    },
    weeks: weekFigures(tally, input.ratings),
    backlog,
    bugsWaiting,
  };
}

/**
 * Agents by positive interactions: share of "Great" ratings, then the number of them, then by
 * name so the order is stable. Only agents with enough ratings reach this.
 */
export function rankAgents<A extends Pick<AgentFigures, 'name' | 'ratings'>>(agents: readonly A[]): A[] {
  return [...agents].sort(
    (a, b) =>
      b.ratings.positiveShare - a.ratings.positiveShare ||
      b.ratings.positive - a.ratings.positive ||
      a.name.localeCompare(b.name),
  );
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function tallyAll(window: ReportWindow, cases: readonly CaseSummary[]): CaseTally {
  const tally = startCaseTally(window);
  for (const c of cases) tallyCase(tally, c);
  return tally;
}

function weekFigures(tally: CaseTally, ratings: readonly RatingEvent[]): WeekFigures[] {
  const rated = tally.weeks.map(() => ({ count: 0, positive: 0 }));
  for (const event of latestPerCase(ratings)) {
    const found = weekOf(tally, event.ratedAt);
    const week = found === undefined ? undefined : rated[tally.weeks.indexOf(found)];
    if (week === undefined) continue;
    week.count += 1;
    if (event.answer === 'great') week.positive += 1;
  }
  return tally.weeks.map((w, i) => {
    const r = rated[i] ?? { count: 0, positive: 0 };
    const firstResponse = median(w.firstResponseMs);
    return {
      weekStart: w.weekStart,
      opened: w.opened,
      ...(firstResponse === undefined ? {} : { medianFirstResponseMs: firstResponse }),
      breaches: w.breaches,
      rated: r.count,
      ...(r.count === 0 ? {} : { positiveShare: r.positive / r.count }),
      recoveries: w.recoveries,
    };
  });
}

function timings(firstResponseMs: readonly number[], resolutionMs: readonly number[]) {
  const firstResponse = median(firstResponseMs);
  const resolution = median(resolutionMs);
  return {
    answered: firstResponseMs.length,
    ...(firstResponse === undefined ? {} : { medianFirstResponseMs: firstResponse }),
    solved: resolutionMs.length,
    ...(resolution === undefined ? {} : { medianResolutionMs: resolution }),
  };
}
