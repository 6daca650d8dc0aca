/**
 * A calendar compiled for business-time arithmetic (business-calendar.ts): each local day's open
 * spans as instants, converted with the platform's Intl at their own ends and remembered per
 * calendar, and the wall-clock conversions that need.
 */
import {
  describeOpeningIntervalProblem,
  InvalidBusinessHoursError,
  isKnownTimeZone,
  minutesOfInterval,
  NoBusinessHoursError,
  OPENING_INTERVAL_PATTERN,
  type BusinessHours,
  type Weekday,
} from './business-hours.ts';
import { dateFormat } from './date-formats.ts';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
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
  /** wallClockOf by whole second: a mail's checks all start from the same instants, each an Intl call. */
  readonly wallBySecond: Map<number, number>;
}

/** Days of open spans kept per calendar (a year and more); the memo starts over past that. */
const SPANS_KEPT = 512;
/** Instants whose wall clock is kept: a few per mail and check, so a warm function holds a small map. */
const WALL_SECONDS_KEPT = 4096;

/** Settings live as long as a Lambda container; parse each calendar once, not on every call. */
const compiled = new WeakMap<BusinessHours, CompiledCalendar>();

/** A formatter that reads an instant's wall clock in `timeZone`, to the second, in numeric parts. */
export function zoneClock(timeZone: string): Intl.DateTimeFormat {
  return dateFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

export function compile(hours: BusinessHours): CompiledCalendar {
  const known = compiled.get(hours);
  if (known !== undefined) return known;
  if (!isKnownTimeZone(hours.timeZone))
    throw new InvalidBusinessHoursError(
      `${hours.timeZone} is not a known time zone; use an IANA name such as Europe/Berlin`,
    );
  const format = zoneClock(hours.timeZone);
  const weekly = new Map<Weekday, (readonly [number, number])[]>();
  for (const day of WEEKDAYS) {
    const spans = (hours.weekly[day] ?? []).map((interval) => {
      const problem = describeOpeningIntervalProblem(interval);
      const match = OPENING_INTERVAL_PATTERN.exec(interval);
      if (problem !== undefined || match === null)
        throw new InvalidBusinessHoursError(`${day}: ${problem ?? interval}`);
      return minutesOfInterval(match);
    });
    const merged: (readonly [number, number])[] = [];
    for (const [opens, closes] of spans.sort((a, b) => a[0] - b[0])) {
      const previous = merged.at(-1);
      if (previous !== undefined && opens <= previous[1])
        merged[merged.length - 1] = [previous[0], Math.max(previous[1], closes)];
      else merged.push([opens, closes]);
    }
    if (merged.length > 0) weekly.set(day, merged);
  }
  if (weekly.size === 0) {
    throw new NoBusinessHoursError(
      'The business calendar is open on no weekday, so no response target could ever come due; give at least one day hours, such as mon: ["09:00-17:00"]',
    );
  }
  const badHoliday = hours.holidays.find((date) => !HOLIDAY_PATTERN.test(date));
  if (badHoliday !== undefined)
    throw new InvalidBusinessHoursError(`holiday ${badHoliday} is not a date; write YYYY-MM-DD`);
  const calendar = {
    format,
    weekly,
    holidays: new Set(hours.holidays),
    spansByDay: new Map(),
    wallBySecond: new Map(),
  };
  compiled.set(hours, calendar);
  return calendar;
}

export function instantOf(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/** The open intervals of one local day (days since the epoch) as instants [open, close). */
export function openSpans(calendar: CompiledCalendar, day: number): readonly (readonly [number, number])[] {
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
export function wallClockOf(calendar: CompiledCalendar, instant: number): number {
  const milliseconds = ((instant % 1000) + 1000) % 1000;
  const second = instant - milliseconds;
  const known = calendar.wallBySecond.get(second);
  if (known !== undefined) return known + milliseconds;
  const parts = calendar.format.formatToParts(second);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  if (calendar.wallBySecond.size >= WALL_SECONDS_KEPT) calendar.wallBySecond.clear();
  calendar.wallBySecond.set(second, wall);
  return wall + milliseconds;
}

export function localDayOf(calendar: CompiledCalendar, instant: number): number {
  return Math.floor(wallClockOf(calendar, instant) / DAY_MS);
}

/**
 * The instant a wall-clock time shows. A time shown twice (fall-back) is its first showing; a time
 * never shown (spring-forward gap) is the moment the clock jumps past it, so hours resume there.
 */
export function instantOfWallClock(calendar: CompiledCalendar, wall: number): number {
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
