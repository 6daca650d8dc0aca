import { findAgent, type Team } from './agents.ts';
import type { CaseSummary } from './case-summary.ts';
import { TEAM_SPEAKER_ID } from './customer-message.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Age bands of the open backlog: a day (answered in the normal course), the working week, the
 * second week, and older (a case a customer has likely given up on).
 */
export const BACKLOG_AGE_BANDS: ReadonlyArray<{ readonly label: string; readonly upToMs: number }> = [
  { label: 'under 1 day', upToMs: DAY_MS },
  { label: '1–3 days', upToMs: 3 * DAY_MS },
  { label: '3–7 days', upToMs: 7 * DAY_MS },
  { label: '1–2 weeks', upToMs: 14 * DAY_MS },
  { label: 'over 2 weeks', upToMs: Number.POSITIVE_INFINITY },
];

export interface Backlog {
  /** Cases not solved. */
  readonly total: number;
  /** Every band of BACKLOG_AGE_BANDS, youngest first, by time since the case was opened. */
  readonly byAge: ReadonlyArray<{ readonly label: string; readonly count: number }>;
  /** Most cases first; the team (unassigned) is one of them. */
  readonly byAssignee: ReadonlyArray<{ readonly agentId: string; readonly name: string; readonly count: number }>;
}

export interface WaitingBug {
  readonly caseNumber: number;
  readonly subject: string;
  readonly status: CaseSummary['status'];
  readonly bugOpenedAt: string;
  /** Agent ID, or the team when nobody holds it. */
  readonly assignee: string;
  readonly waitingMs: number;
}

/** The open backlog by age and by assignee, and the bugs waiting on engineering, as of `now`. */
export function summariseBacklog(
  openCases: readonly CaseSummary[],
  waiting: readonly CaseSummary[],
  team: Team,
  now: Date,
): { backlog: Backlog; bugsWaiting: WaitingBug[] } {
  const open = [...new Map(openCases.filter((c) => c.status !== 'solved').map((c) => [c.caseNumber, c])).values()];
  const age = (c: CaseSummary) => Math.max(0, now.getTime() - Date.parse(c.createdAt));
  const counts = BACKLOG_AGE_BANDS.map(() => 0);
  for (const c of open) {
    const band = BACKLOG_AGE_BANDS.findIndex((b) => age(c) < b.upToMs);
    counts[band] = (counts[band] ?? 0) + 1;
  }
  const perAssignee = new Map<string, number>();
  for (const c of open)
    perAssignee.set(c.assignee ?? TEAM_SPEAKER_ID, (perAssignee.get(c.assignee ?? TEAM_SPEAKER_ID) ?? 0) + 1);
  const byAssignee = [...perAssignee]
    .map(([agentId, count]) => ({
      agentId,
      name: agentId === TEAM_SPEAKER_ID ? 'the team (unassigned)' : (findAgent(team, agentId)?.name ?? agentId),
      count,
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const bugsWaiting = [...new Map(waiting.map((c) => [c.caseNumber, c])).values()]
    .flatMap((c) =>
      c.bugOpenedAt === undefined
        ? []
        : [
            {
              caseNumber: c.caseNumber,
              subject: c.subject,
              status: c.status,
              bugOpenedAt: c.bugOpenedAt,
              assignee: c.assignee ?? TEAM_SPEAKER_ID,
              waitingMs: Math.max(0, now.getTime() - Date.parse(c.bugOpenedAt)),
            },
          ],
    )
    .sort((a, b) => b.waitingMs - a.waitingMs);
  return {
    backlog: {
      total: open.length,
      byAge: BACKLOG_AGE_BANDS.map((b, i) => ({ label: b.label, count: counts[i] ?? 0 })),
      byAssignee,
    },
    bugsWaiting,
  };
}
