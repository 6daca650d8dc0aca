import type { CaseSummary } from './case-summary.ts';
import { TEAM_SPEAKER_ID } from './customer-message.ts';
import type { ReportWindow } from './report-policy.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** One week of the trend: counts and the durations its medians are taken from. */
export interface WeekTally {
  /** Monday 00:00 UTC of the week (ISO). */
  readonly weekStart: string;
  opened: number;
  /** Cases opened this week that missed a response-time target. */
  breaches: number;
  recoveries: number;
  readonly firstResponseMs: number[];
}

/**
 * What a report keeps of the cases it reads, added one case at a time, so the cases themselves can
 * be dropped page by page: memory grows with the numbers kept (a duration per answer), not with
 * the items read.
 */
export interface CaseTally {
  readonly window: ReportWindow;
  readonly seen: Set<number>;
  opened: number;
  missedTarget: number;
  recoveries: number;
  bugsOpened: number;
  bugsFixed: number;
  /** Durations from the first mail to the first answer, per agent who wrote that answer. */
  readonly firstResponseMs: Map<string, number[]>;
  /** Durations from the first mail to solved, per agent who solved. */
  readonly resolutionMs: Map<string, number[]>;
  readonly weeks: WeekTally[];
  /** Cases handed to engineering and not fixed yet, as read (the backlog adds its own). */
  readonly bugsWaiting: Map<number, CaseSummary>;
}

/** An empty tally for the window, with a week for every Monday-based week it touches. */
export function startCaseTally(window: ReportWindow): CaseTally {
  const weeks: WeekTally[] = [];
  for (let start = mondayOf(window.from); start < window.to.getTime(); start += WEEK_MS)
    weeks.push({
      weekStart: new Date(start).toISOString(),
      opened: 0,
      breaches: 0,
      recoveries: 0,
      firstResponseMs: [],
    });
  return {
    window,
    seen: new Set(),
    opened: 0,
    missedTarget: 0,
    recoveries: 0,
    bugsOpened: 0,
    bugsFixed: 0,
    firstResponseMs: new Map(),
    resolutionMs: new Map(),
    weeks,
    bugsWaiting: new Map(),
  };
}

/**
 * Adds a case once (a case read twice, from two statuses of an eventually consistent index, counts
 * once). The first response counts for whoever wrote it, solving for whoever solved; cases from
 * before those were recorded count for their assignee, the team when nobody holds them.
 */
export function tallyCase(tally: CaseTally, c: CaseSummary): void {
  if (tally.seen.has(c.caseNumber)) return;
  tally.seen.add(c.caseNumber);
  const inWindow = (at: string | undefined): at is string =>
    at !== undefined && Date.parse(at) >= tally.window.from.getTime() && Date.parse(at) < tally.window.to.getTime();
  const since = (at: string) => Math.max(0, Date.parse(at) - Date.parse(c.createdAt));
  const holder = c.assignee ?? TEAM_SPEAKER_ID;
  const breached = (c.slaBreaches ?? []).length > 0;
  if (inWindow(c.createdAt)) {
    tally.opened += 1;
    if (breached) tally.missedTarget += 1;
    const week = weekOf(tally, c.createdAt);
    if (week !== undefined) {
      week.opened += 1;
      if (breached) week.breaches += 1;
    }
  }
  if (inWindow(c.firstResponseAt)) {
    const ms = since(c.firstResponseAt);
    push(tally.firstResponseMs, c.firstResponseBy ?? holder, ms);
    weekOf(tally, c.firstResponseAt)?.firstResponseMs.push(ms);
  }
  if (c.status === 'solved' && inWindow(c.solvedAt)) push(tally.resolutionMs, c.solvedBy ?? holder, since(c.solvedAt));
  if (inWindow(c.recoveredAt)) {
    tally.recoveries += 1;
    const week = weekOf(tally, c.recoveredAt);
    if (week !== undefined) week.recoveries += 1;
  }
  if (inWindow(c.bugOpenedAt)) tally.bugsOpened += 1;
  if (inWindow(c.bugFixedAt)) tally.bugsFixed += 1;
  if (isBugWaiting(c)) tally.bugsWaiting.set(c.caseNumber, c);
}

/** Handed to engineering, and no fix came back since. */
export function isBugWaiting(c: CaseSummary): boolean {
  return c.bugOpenedAt !== undefined && (c.bugFixedAt === undefined || c.bugFixedAt < c.bugOpenedAt);
}

/** Monday 00:00 UTC of the week `at` is in, as epoch milliseconds. */
export function mondayOf(at: Date): number {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return day - ((at.getUTCDay() + 6) % 7) * DAY_MS;
}

/** The week of the tally `at` falls in: weeks are seven days from the first Monday, so it is one division. */
export function weekOf<W extends { readonly weekStart: string }>(
  tally: { readonly weeks: readonly W[] },
  at: string,
): W | undefined {
  const first = tally.weeks[0];
  if (first === undefined) return undefined;
  const index = Math.floor((Date.parse(at) - Date.parse(first.weekStart)) / WEEK_MS);
  return index < 0 ? undefined : tally.weeks[index];
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const values = map.get(key);
  if (values === undefined) map.set(key, [value]);
  else values.push(value);
}
