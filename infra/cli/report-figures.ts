import { findAgent, type Team } from '../../functions/core/agents.ts';
import { TEAM_SPEAKER_ID } from '../../functions/core/customer-message.ts';
import { summariseRatings, type RatingEvent, type RatingTally } from '../../functions/core/ratings.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import type { ReportWindow } from './report-window.ts';

/** What one agent did in the window. */
export interface AgentFigures {
  readonly agentId: string;
  /** "Maria Lopez", "the team (unassigned)", or the bare ID of someone no longer on the team. */
  readonly name: string;
  readonly ratings: RatingTally;
  /** Cases whose first answer fell in the window, assigned to this agent. */
  readonly answered: number;
  readonly medianFirstResponseMs?: number;
  /** Cases solved in the window, assigned to this agent. */
  readonly solved: number;
  readonly medianResolutionMs?: number;
}

export interface ReportFigures {
  readonly window: { readonly from: string; readonly to: string; readonly label: string };
  /** Best share of positive ratings first, then most positive ratings; agents nobody rated last. Never by volume. */
  readonly agents: readonly AgentFigures[];
  readonly overall: Omit<AgentFigures, 'agentId' | 'name'> & {
    /** Cases opened in the window. */
    readonly opened: number;
    /** Cases opened in the window that missed a response-time target. */
    readonly missedTarget: number;
  };
}

/**
 * The report's figures. Ratings: every rating given in the window, the latest per case, for the
 * agent who solved the case. Answers and solves: cases (read from those updated in the window)
 * whose first response or solving fell in the window, counted for the agent the case is assigned
 * to now (the team when nobody is); times are wall-clock from the case's first mail.
 */
export function buildReport(input: {
  readonly window: ReportWindow;
  readonly cases: readonly SupportCase[];
  readonly ratings: readonly RatingEvent[];
  readonly team: Team;
}): ReportFigures {
  const { window, team } = input;
  const inWindow = (at: string | undefined): at is string =>
    at !== undefined && Date.parse(at) >= window.from.getTime() && Date.parse(at) < window.to.getTime();
  const cases = [...new Map(input.cases.map((c) => [c.caseNumber, c])).values()];
  const answered = cases.filter((c) => inWindow(c.firstResponseAt));
  const solved = cases.filter((c) => c.status === 'solved' && inWindow(c.solvedAt));
  const summary = summariseRatings(input.ratings);
  const owner = (c: SupportCase) => c.assignee ?? TEAM_SPEAKER_ID;
  const ids = new Set([
    ...team.agents.map((a) => a.agentId),
    ...summary.agents.map((a) => a.agentId),
    ...answered.map(owner),
    ...solved.map(owner),
  ]);
  const agents = [...ids].map((agentId): AgentFigures => {
    const rated = summary.agents.find((a) => a.agentId === agentId);
    return {
      agentId,
      name: agentId === TEAM_SPEAKER_ID ? 'the team (unassigned)' : (findAgent(team, agentId)?.name ?? agentId),
      ratings: rated ?? summariseRatings([]).overall,
      ...timings(
        answered.filter((c) => owner(c) === agentId),
        solved.filter((c) => owner(c) === agentId),
      ),
    };
  });
  const opened = cases.filter((c) => inWindow(c.createdAt));
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString(), label: window.label },
    agents: rankAgents(agents),
    overall: {
      ratings: summary.overall,
      ...timings(answered, solved),
      opened: opened.length,
      missedTarget: opened.filter((c) => (c.slaBreaches ?? []).length > 0).length,
    },
  };
}

/**
 * Agents by positive interactions: share of "Great" ratings, then the number of them; agents
 * nobody rated come last. Then by name, so the order is stable.
 */
export function rankAgents<A extends Pick<AgentFigures, 'name' | 'ratings'>>(agents: readonly A[]): A[] {
  return [...agents].sort(
    (a, b) =>
      Number(b.ratings.count > 0) - Number(a.ratings.count > 0) ||
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

function timings(answered: readonly SupportCase[], solved: readonly SupportCase[]) {
  const since = (c: SupportCase, at: string | undefined) => Date.parse(at ?? c.createdAt) - Date.parse(c.createdAt);
  const firstResponse = median(answered.map((c) => since(c, c.firstResponseAt)));
  const resolution = median(solved.map((c) => since(c, c.solvedAt)));
  return {
    answered: answered.length,
    ...(firstResponse === undefined ? {} : { medianFirstResponseMs: firstResponse }),
    solved: solved.length,
    ...(resolution === undefined ? {} : { medianResolutionMs: resolution }),
  };
}
