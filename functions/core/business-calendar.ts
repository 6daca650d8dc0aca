/**
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
  weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
  holidays: [],
};

/**
 * How far ahead a search for business time may look: three years reach any sane target on any
 * sane calendar (80 hours at one open hour a week is under two years); past it, a calendar whose
 * holidays cover every open day would otherwise loop forever.
 */
export const MAX_SEARCH_DAYS = 366 * 3;

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
  if (match === null) return `${interval} is not an opening interval; write HH:MM-HH:MM on the 24-hour clock, such as 09:00-17:00`;
  const [opens, closes] = minutesOfInterval(match);
  if (closes <= opens) return `${interval} closes before it opens; split hours past midnight into two days (…-24:00 and 00:00-…)`;
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

/** The instant `minutes` business minutes after `start` (start itself may be outside hours), to the millisecond. */
export function addBusinessMinutes(hours: BusinessHours, start: Date, minutes: number): Date {
  const calendar = compile(hours);
  const startMs = instantOf(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`business minutes must be a finite number of at least 0, not ${minutes}`);
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0) return new Date(startMs);
  const firstDay = localDayOf(calendar, startMs);
  for (let day = firstDay; day <= firstDay + MAX_SEARCH_DAYS; day++) {
    for (const [open, close] of openSpans(calendar, day)) {
      const from = Math.max(open, startMs);
      if (from >= close) continue;
      if (remaining <= close - from) return new Date(from + remaining);
      remaining -= close - from;
    }
  }
  throw new NoBusinessHoursError(
    `${minutes} business minutes after ${start.toISOString()} lie more than ${MAX_SEARCH_DAYS} days ahead in ${hours.timeZone}; check the weekly hours and holidays`,
  );
}

/**
 * The same local time of day `days` business days after `start`, counting only days with opening
 * hours that are not holidays ("after three business days"). Kept on the wall clock, so a DST
 * change in between does not move it by an hour.
 */
export function addBusinessDays(hours: BusinessHours, start: Date, days: number): Date {
  const calendar = compile(hours);
  const startMs = instantOf(start, 'start');
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`business days must be a whole number of at least 0, not ${days}`);
  if (days === 0) return new Date(startMs);
  const wall = wallClockOf(calendar, startMs);
  const firstDay = Math.floor(wall / DAY_MS);
  const timeOfDay = wall - firstDay * DAY_MS;
  let counted = 0;
  for (let day = firstDay + 1; day <= firstDay + MAX_SEARCH_DAYS; day++) {
    if (openSpans(calendar, day).length > 0 && ++counted === days) return new Date(instantOfWallClock(calendar, day * DAY_MS + timeOfDay));
  }
  throw new NoBusinessHoursError(`${days} business days after ${start.toISOString()} lie more than ${MAX_SEARCH_DAYS} days ahead in ${hours.timeZone}; check the weekly hours and holidays`);
}

/** Business minutes in [from, to) (0 when to <= from), to the millisecond. */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date): number {
  const calendar = compile(hours);
  const fromMs = instantOf(from, 'from');
  const toMs = instantOf(to, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (let day = localDayOf(calendar, fromMs), last = localDayOf(calendar, toMs); day <= last; day++) {
    for (const [open, close] of openSpans(calendar, day)) total += Math.max(0, Math.min(close, toMs) - Math.max(open, fromMs));
  }
  return total / MINUTE_MS;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Index = Date#getUTCDay(); day 0 of the epoch (1970-01-01) was a Thursday. */
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const EPOCH_WEEKDAY = 4;
const HOLIDAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

interface CompiledCalendar {
  readonly format: Intl.DateTimeFormat;
  /** Per weekday, [open, close) in minutes of the local day, sorted and merged. */
  readonly weekly: ReadonlyMap<Weekday, readonly (readonly [number, number])[]>;
  readonly holidays: ReadonlySet<string>;
  /** openSpans by local day: every mail asks about the same few days, each costing a dozen time-zone conversions. */
  readonly spansByDay: Map<number, readonly (readonly [number, number])[]>;
}

/** Days of open spans kept per calendar (a year and more); the memo starts over past that. */
const SPANS_KEPT = 512;

/** Settings live as long as a Lambda container; parse each calendar once, not on every call. */
const compiled = new WeakMap<BusinessHours, CompiledCalendar>();

function compile(hours: BusinessHours): CompiledCalendar {
  const known = compiled.get(hours);
  if (known !== undefined) return known;
  if (!isKnownTimeZone(hours.timeZone)) throw new InvalidBusinessHoursError(`${hours.timeZone} is not a known time zone; use an IANA name such as Europe/Berlin`);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const weekly = new Map<Weekday, (readonly [number, number])[]>();
  for (const day of WEEKDAYS) {
    const spans = (hours.weekly[day] ?? []).map((interval) => {
      const problem = describeOpeningIntervalProblem(interval);
      const match = OPENING_INTERVAL_PATTERN.exec(interval);
      if (problem !== undefined || match === null) throw new InvalidBusinessHoursError(`${day}: ${problem ?? interval}`);
      return minutesOfInterval(match);
    });
    const merged: (readonly [number, number])[] = [];
    for (const [opens, closes] of spans.sort((a, b) => a[0] - b[0])) {
      const previous = merged.at(-1);
      if (previous !== undefined && opens <= previous[1]) merged[merged.length - 1] = [previous[0], Math.max(previous[1], closes)];
      else merged.push([opens, closes]);
    }
    if (merged.length > 0) weekly.set(day, merged);
  }
  if (weekly.size === 0) {
    throw new NoBusinessHoursError('The business calendar is open on no weekday, so no response target could ever come due; give at least one day hours, such as mon: ["09:00-17:00"]');
  }
  const badHoliday = hours.holidays.find((date) => !HOLIDAY_PATTERN.test(date));
  if (badHoliday !== undefined) throw new InvalidBusinessHoursError(`holiday ${badHoliday} is not a date; write YYYY-MM-DD`);
  const calendar = { format, weekly, holidays: new Set(hours.holidays), spansByDay: new Map() };
  compiled.set(hours, calendar);
  return calendar;
}

function minutesOfInterval(match: RegExpExecArray): [number, number] {
  const [, oh, om, ch = match[5], cm = match[6]] = match;
  return [Number(oh) * 60 + Number(om), Number(ch) * 60 + Number(cm)];
}

function instantOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/** The open intervals of one local day (days since the epoch) as instants [open, close). */
function openSpans(calendar: CompiledCalendar, day: number): readonly (readonly [number, number])[] {
  const known = calendar.spansByDay.get(day);
  if (known !== undefined) return known;
  const weekday = WEEKDAYS[(((day + EPOCH_WEEKDAY) % 7) + 7) % 7] ?? 'sun';
  const intervals = calendar.weekly.get(weekday);
  const spans: (readonly [number, number])[] = [];
  if (intervals !== undefined && !calendar.holidays.has(new Date(day * DAY_MS).toISOString().slice(0, 10))) {
    for (const [opens, closes] of intervals) {
      const open = instantOfWallClock(calendar, day * DAY_MS + opens * MINUTE_MS);
      const close = instantOfWallClock(calendar, day * DAY_MS + closes * MINUTE_MS);
      if (close > open) spans.push([open, close]);
    }
  }
  if (calendar.spansByDay.size >= SPANS_KEPT) calendar.spansByDay.clear();
  calendar.spansByDay.set(day, spans);
  return spans;
}

/** The local wall clock at an instant, as milliseconds of a UTC calendar. */
function wallClockOf(calendar: CompiledCalendar, instant: number): number {
  const parts = calendar.format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall + (((instant % 1000) + 1000) % 1000);
}

function localDayOf(calendar: CompiledCalendar, instant: number): number {
  return Math.floor(wallClockOf(calendar, instant) / DAY_MS);
}

/**
 * The instant a wall-clock time shows. A time shown twice (fall-back) is its first showing; a time
 * never shown (spring-forward gap) is the moment the clock jumps past it, so hours resume there.
 */
function instantOfWallClock(calendar: CompiledCalendar, wall: number): number {
  const offsetAt = (instant: number) => wallClockOf(calendar, instant) - instant;
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const shown = [wall - before, wall - after].filter((instant) => offsetAt(instant) === wall - instant);
  if (shown.length > 0) return Math.min(...shown);
  let [low, high] = [wall - after, wall - before];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle) === before) low = middle;
    else high = middle;
  }
  return high;
}
