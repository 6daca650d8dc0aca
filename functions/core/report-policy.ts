/** What a team configures about its reports (`reports` in the deployment configuration). */
export interface ReportPolicy {
  /** Ratings an agent needs before their share of positive ones ranks them; below it they are listed apart. */
  readonly minRatingsToRank: number;
  /** Mail supervisors the week's figures every Monday morning. */
  readonly weeklyDigest: boolean;
  /** Mail each agent their own ratings and comments of the past month, on the first of the month. */
  readonly monthlyAgentMail: boolean;
}

/**
 * Five ratings: one unhappy customer among two is luck, not a pattern; "100% of 1" must not
 * outrank "75% of 4" (issue 14).
 */
export const DEFAULT_REPORT_POLICY: ReportPolicy = { minRatingsToRank: 5, weeklyDigest: true, monthlyAgentMail: true };

/** The stretch of time a report covers: from (inclusive) to (exclusive). */
export interface ReportWindow {
  readonly from: Date;
  readonly to: Date;
  /** "last 30 days", "2026-11", "week of 2026-11-30". */
  readonly label: string;
}

const DAY_MS = 86_400_000;

/** The seven days before `now`: what the weekly digest covers. */
export function lastWeekWindow(now: Date): ReportWindow {
  return { from: new Date(now.getTime() - 7 * DAY_MS), to: now, label: 'last 7 days' };
}

/** The calendar month (UTC) before the one `now` is in: what an agent's monthly mail covers. */
export function previousMonthWindow(now: Date): ReportWindow {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { from, to, label: from.toISOString().slice(0, 7) };
}

/**
 * When the report mails go, in UTC (EventBridge rules read cron in UTC, and the local stack follows
 * them): Monday 08:00 for the week before, the first of the month 08:00 for the month before.
 */
export const REPORT_MAIL_SCHEDULES = {
  weeklyDigest: { weekDay: 'MON', hour: '8', minute: '0' },
  monthlyAgentMail: { day: '1', hour: '8', minute: '0' },
} as const;
