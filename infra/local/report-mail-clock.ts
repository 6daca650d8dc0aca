import { REPORT_MAIL_SCHEDULES } from '../../functions/core/report-policy.ts';
import type { ReportMailKind } from '../../functions/core/report-mail.ts';
import { mondayOf } from '../../functions/core/report-tally.ts';

/**
 * How often the local stack looks whether a report mail is due. Ten minutes: a digest may go out a
 * little after 08:00, and a stack started for a test or a demo (minutes) never sends one.
 */
export const REPORT_MAIL_CHECK_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

/** The report mails due by `now`: the weekly digest from Monday 08:00 UTC, the monthly mail from the 1st 08:00 UTC. */
export function dueReportMails(now: Date): ReportMailKind[] {
  const weekly = mondayOf(now) + Number(REPORT_MAIL_SCHEDULES.weeklyDigest.hour) * HOUR_MS;
  const monthly =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) +
    Number(REPORT_MAIL_SCHEDULES.monthlyAgentMail.hour) * HOUR_MS;
  return [
    ...(now.getTime() >= weekly ? (['weekly-digest'] as const) : []),
    ...(now.getTime() >= monthly ? (['agent-monthly'] as const) : []),
  ];
}

/**
 * What the EventBridge rules do on AWS, for `npm start`: every REPORT_MAIL_CHECK_MS, runs each
 * report mail that is due. The function's marks send each once per week or month, so a stack
 * started on a Wednesday sends that week's digest then, and never twice.
 */
export function startReportMailClock(options: {
  readonly run: (kind: ReportMailKind) => Promise<unknown>;
  readonly now?: () => Date;
  readonly everyMs?: number;
  readonly onError: (error: unknown) => void;
}): { stop(): void } {
  const timer = setInterval(() => {
    for (const kind of dueReportMails(options.now?.() ?? new Date())) options.run(kind).catch(options.onError);
  }, options.everyMs ?? REPORT_MAIL_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
