/**
 * Reading an instant on someone's wall clock: a customer's, known only as the fixed offset their
 * Date header stated, or a team's, an IANA time zone with its daylight-saving rules.
 */
import { DAY_MS, MINUTE_MS, zoneClock } from './calendar-spans.ts';
import type { LocalDay } from './time-words.ts';

/** Whose clock a time is read on. */
export type Clock = { readonly offsetMinutes: number } | { readonly timeZone: string };

/** An instant as a wall clock shows it; month 1–12, hour 0–23. */
export interface WallTime extends LocalDay {
  readonly hour: number;
  readonly minute: number;
}

/** `at` on `clock`'s wall. */
export function wallTimeAt(at: Date, clock: Clock): WallTime {
  if ('offsetMinutes' in clock) {
    const shifted = new Date(at.getTime() + clock.offsetMinutes * MINUTE_MS);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
    };
  }
  const parts = zoneClock(clock.timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** Whole days from `from`'s date to `to`'s (1 when `to` is the next day), whatever the times of day. */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return Math.round((dayStamp(to) - dayStamp(from)) / DAY_MS);
}

/** "09:05": hours and minutes on the 24-hour clock. */
export function clockTime(time: Pick<WallTime, 'hour' | 'minute'>): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** The day `days` after `day` on the calendar. */
export function dayAfter(day: LocalDay, days: number): LocalDay {
  const next = new Date(dayStamp(day) + days * DAY_MS);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** 'YYYY-MM-DD', as holidays are written. */
export function isoDay(day: LocalDay): string {
  return new Date(dayStamp(day)).toISOString().slice(0, 10);
}

function dayStamp(day: LocalDay): number {
  return Date.UTC(day.year, day.month - 1, day.day);
}
