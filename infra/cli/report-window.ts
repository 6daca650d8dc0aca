/** The stretch of time a report covers: from `--since` up to now. */
export interface ReportWindow {
  readonly from: Date;
  readonly to: Date;
  /** "last 30 days", "since 2026-11-01". */
  readonly label: string;
}

const DAY_MS = 86_400_000;
const UNIT_MS = { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS } as const;
const UNIT_WORD = { h: 'hour', d: 'day', w: 'week' } as const;
/** Ten years: beyond any retention the table keeps, and a bound that catches a typo such as 3000d. */
const MAX_WINDOW_MS = 3660 * DAY_MS;

/** `--since` could not be read; the message says what it takes. */
export class WindowError extends Error {
  constructor(value: string, why: string) {
    super(
      `--since takes a number of hours, days or weeks (12h, 30d, 2w) or a date (2026-11-01, or an ISO time with its zone); "${value}" ${why}`,
    );
    this.name = 'WindowError';
  }
}

/** Reads `--since`: `30d`, `2w`, `12h`, `2026-11-01` (midnight UTC) or an ISO time with a zone. */
export function parseSince(value: string, now: Date): ReportWindow {
  const trimmed = value.trim().toLowerCase();
  const relative = /^(\d+)\s*([hdw])$/.exec(trimmed);
  if (relative !== null) {
    const count = Number(relative[1]);
    const unit = relative[2] as keyof typeof UNIT_MS;
    if (count === 0) throw new WindowError(value, 'is an empty stretch of time');
    const span = count * UNIT_MS[unit];
    if (span > MAX_WINDOW_MS) throw new WindowError(value, 'reaches back more than ten years');
    return {
      from: new Date(now.getTime() - span),
      to: now,
      label: `last ${count} ${UNIT_WORD[unit]}${count === 1 ? '' : 's'}`,
    };
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const hasZone = /(z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  if (!dateOnly && !(/^\d{4}-\d{2}-\d{2}t/.test(trimmed) && hasZone)) throw new WindowError(value, 'is neither');
  const from = new Date(dateOnly ? `${trimmed}T00:00:00Z` : value.trim());
  if (Number.isNaN(from.getTime())) throw new WindowError(value, 'is not a real date');
  if (from >= now) throw new WindowError(value, 'is not in the past');
  if (now.getTime() - from.getTime() > MAX_WINDOW_MS) throw new WindowError(value, 'reaches back more than ten years');
  return { from, to: now, label: `since ${dateOnly ? trimmed : from.toISOString()}` };
}
