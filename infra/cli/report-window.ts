import type { ReportWindow } from '../../functions/core/report-policy.ts';

export type { ReportWindow };

const DAY_MS = 86_400_000;
const UNIT_MS = { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS } as const;
const UNIT_WORD = { h: 'hour', d: 'day', w: 'week' } as const;
/** Ten years: beyond any retention the table keeps, and a bound that catches a typo such as 3000d. */
const MAX_WINDOW_MS = 3660 * DAY_MS;

/** `--since`, `--until` or `--month` could not be read; the message says what they take. */
export class WindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WindowError';
  }
}

const sinceError = (value: string, why: string) =>
  new WindowError(
    `--since takes a number of hours, days or weeks (12h, 30d, 2w) or a date (2026-11-01, or an ISO time with its zone); "${value}" ${why}`,
  );

/** Reads `--since`: `30d`, `2w`, `12h`, `2026-11-01` (midnight UTC) or an ISO time with a zone. */
export function parseSince(value: string, now: Date, end = 'now'): ReportWindow {
  const trimmed = value.trim().toLowerCase();
  const relative = /^(\d+)\s*([hdw])$/.exec(trimmed);
  if (relative !== null) {
    const count = Number(relative[1]);
    const unit = relative[2] as keyof typeof UNIT_MS;
    if (count === 0) throw sinceError(value, 'is an empty stretch of time');
    const span = count * UNIT_MS[unit];
    if (span > MAX_WINDOW_MS) throw sinceError(value, 'reaches back more than ten years');
    return {
      from: new Date(now.getTime() - span),
      to: now,
      label: `last ${count} ${UNIT_WORD[unit]}${count === 1 ? '' : 's'}`,
    };
  }
  const from = readInstant(value, (why) => sinceError(value, why));
  if (from >= now) throw sinceError(value, `is not before ${end}`);
  if (now.getTime() - from.getTime() > MAX_WINDOW_MS) throw sinceError(value, 'reaches back more than ten years');
  return {
    from,
    to: now,
    label: `since ${/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : from.toISOString()}`,
  };
}

/**
 * The window of `--since`, `--until` and `--month`: `--until` ends it (a date ends at that date's
 * midnight UTC, so `--until 2026-12-01` takes all of November 30th); `--month` is one calendar
 * month in UTC and stands alone.
 */
export function parseWindow(
  options: { readonly since?: string; readonly until?: string; readonly month?: string },
  now: Date,
  defaultSince: string,
): ReportWindow {
  if (options.month !== undefined) {
    if (options.since !== undefined || options.until !== undefined)
      throw new WindowError('--month is a whole window of its own: use it without --since and --until');
    return parseMonth(options.month, now);
  }
  if (options.until === undefined) return parseSince(options.since ?? defaultSince, now);
  const until = readInstant(
    options.until,
    (why) =>
      new WindowError(`--until takes a date or an ISO time with its zone (2026-12-01); "${options.until}" ${why}`),
  );
  // A span given with --until reaches back from it: --since 7d --until 2026-12-01 is the week before December.
  const since = parseSince(options.since ?? defaultSince, until, '--until');
  const to = until > now ? now : until;
  if (to <= since.from)
    throw new WindowError(`the window from --since ${options.since ?? defaultSince} has not begun yet`);
  const label = since.label.startsWith('since ') ? since.label.slice('since '.length) : since.label;
  return { from: since.from, to, label: `${label} to ${options.until.trim()}` };
}

/** `--month 2026-11`: the first of that month to the first of the next, UTC; not in the future. */
export function parseMonth(value: string, now: Date): ReportWindow {
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  const month = Number(match?.[2]);
  if (match === null || month < 1 || month > 12)
    throw new WindowError(`--month takes a year and month such as 2026-11, not "${value}"`);
  const from = new Date(Date.UTC(Number(match[1]), month - 1, 1));
  const next = new Date(Date.UTC(Number(match[1]), month, 1));
  if (from >= now) throw new WindowError(`--month ${value.trim()} has not begun yet`);
  if (now.getTime() - from.getTime() > MAX_WINDOW_MS)
    throw new WindowError(`--month ${value.trim()} is more than ten years back`);
  return { from, to: next > now ? now : next, label: value.trim() };
}

/** A date (its midnight UTC) or an ISO time with its zone. */
function readInstant(value: string, fail: (why: string) => WindowError): Date {
  const trimmed = value.trim().toLowerCase();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const hasZone = /(z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  if (!dateOnly && !(/^\d{4}-\d{2}-\d{2}t/.test(trimmed) && hasZone)) throw fail('is neither');
  const at = new Date(dateOnly ? `${trimmed}T00:00:00Z` : value.trim());
  if (Number.isNaN(at.getTime())) throw fail('is not a real date');
  return at;
}
