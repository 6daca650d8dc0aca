/**
 * Business hours as a team configures them: opening hours on the local wall clock of one time zone,
 * minus holidays; and how a configuration is checked. (The arithmetic is business-calendar.ts.)
 *
 * Business time: opening hours on the local wall clock of one time zone, minus holidays. Response
 * targets count only this time. Time-zone math uses the platform's Intl (full ICU in Node 22), so
 * each opening interval is converted at its own ends and a DST change moves it correctly: a
 * 09:00–17:00 day stays 8 hours on a 23- or 25-hour day, a spring-forward gap inside opening
 * hours shortens that day and a repeated fall-back hour lengthens it.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** When the team works. */
export interface BusinessHours {
  /** IANA time zone the hours and holidays are read in, e.g. 'Europe/Berlin'. */
  readonly timeZone: string;
  /** Opening intervals per weekday as 'HH:MM-HH:MM' ('24:00' may close a day); a missing day is closed. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly string[]>>>;
  /** Local dates 'YYYY-MM-DD', closed all day. */
  readonly holidays: readonly string[];
}

/** Monday to Friday 09:00–17:00 UTC, no holidays: a neutral start until a team sets its own. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: 'UTC',
  weekly: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
  holidays: [],
};

/** An opening interval 'HH:MM-HH:MM' on the 24-hour clock; only a close may be '24:00'. */
export const OPENING_INTERVAL_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** The calendar is never open, so no amount of business time can ever pass. */
export class NoBusinessHoursError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NoBusinessHoursError';
  }
}

/** The calendar cannot be read: an unknown time zone or a malformed interval or holiday. */
export class InvalidBusinessHoursError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidBusinessHoursError';
  }
}

/** What is wrong with an opening interval, in words for whoever configured it, or undefined when it is fine. */
export function describeOpeningIntervalProblem(interval: string): string | undefined {
  const match = OPENING_INTERVAL_PATTERN.exec(interval);
  if (match === null)
    return `${interval} is not an opening interval; write HH:MM-HH:MM on the 24-hour clock, such as 09:00-17:00`;
  const [opens, closes] = minutesOfInterval(match);
  if (closes <= opens)
    return `${interval} closes before it opens; split hours past midnight into two days (…-24:00 and 00:00-…)`;
  return undefined;
}

/** Whether the platform knows this IANA time zone (aliases such as 'Etc/UTC' included). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes of the local day an interval [opens, closes) spans; `match` is OPENING_INTERVAL_PATTERN's. */
export function minutesOfInterval(match: RegExpExecArray): [number, number] {
  const [, oh, om, ch = match[5], cm = match[6]] = match;
  return [Number(oh) * 60 + Number(om), Number(ch) * 60 + Number(cm)];
}
