/**
 * Business time: opening hours on the local wall clock of one time zone, minus holidays. Response
 * targets count only this time. Time-zone math uses the platform's Intl (full ICU in Node 22), so
 * each opening interval is converted at its own ends and a DST change moves it correctly: a
 * 09:00–17:00 day stays 8 hours on a 23- or 25-hour day, a spring-forward gap inside opening
 * hours shortens that day and a repeated fall-back hour lengthens it.
 */

import { NoBusinessHoursError, type BusinessHours } from './business-hours.ts';
import {
  compile,
  DAY_MS,
  instantOf,
  instantOfWallClock,
  localDayOf,
  MINUTE_MS,
  openSpans,
  wallClockOf,
} from './calendar-spans.ts';

/**
 * How far ahead a search for business time may look: three years reach any sane target on any
 * sane calendar (80 hours at one open hour a week is under two years); past it, a calendar whose
 * holidays cover every open day would otherwise loop forever.
 */
export const MAX_SEARCH_DAYS = 366 * 3;

/** The instant `minutes` business minutes after `start` (start itself may be outside hours), to the millisecond. */
export function addBusinessMinutes(hours: BusinessHours, start: Date, minutes: number): Date {
  const calendar = compile(hours);
  const startMs = instantOf(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`business minutes must be a finite number of at least 0, not ${minutes}`);
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
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`business days must be a whole number of at least 0, not ${days}`);
  if (days === 0) return new Date(startMs);
  const wall = wallClockOf(calendar, startMs);
  const firstDay = Math.floor(wall / DAY_MS);
  const timeOfDay = wall - firstDay * DAY_MS;
  let counted = 0;
  for (let day = firstDay + 1; day <= firstDay + MAX_SEARCH_DAYS; day++) {
    if (openSpans(calendar, day).length > 0 && ++counted === days)
      return new Date(instantOfWallClock(calendar, day * DAY_MS + timeOfDay));
  }
  throw new NoBusinessHoursError(
    `${days} business days after ${start.toISOString()} lie more than ${MAX_SEARCH_DAYS} days ahead in ${hours.timeZone}; check the weekly hours and holidays`,
  );
}

/** Business minutes in [from, to) (0 when to <= from), to the millisecond. */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date): number {
  const calendar = compile(hours);
  const fromMs = instantOf(from, 'from');
  const toMs = instantOf(to, 'to');
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (let day = localDayOf(calendar, fromMs), last = localDayOf(calendar, toMs); day <= last; day++) {
    for (const [open, close] of openSpans(calendar, day))
      total += Math.max(0, Math.min(close, toMs) - Math.max(open, fromMs));
  }
  return total / MINUTE_MS;
}
