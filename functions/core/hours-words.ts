/**
 * A team's business hours in words a customer reads at a glance: "Monday to Friday, 09:00–17:00
 * (Berlin time)", "Monday to Thursday 09:00–17:00, Friday 09:00–13:00 (Berlin time)", with the
 * holidays just ahead named ("closed on Thursday 24 December"), since those are what move an
 * answer later than the weekly hours suggest.
 */
import type { BusinessHours, Weekday } from './business-hours.ts';
import { dayAfter, isoDay, wallTimeAt } from './local-clock.ts';
import type { LanguageCode } from './queues.ts';
import {
  dayWords,
  listWords,
  timeWordsFor,
  weekdayWords,
  zoneTimeName,
  type LocalDay,
  type TimeWords,
} from './time-words.ts';

/** Holidays this close are worth a customer's notice; later ones are news for another mail. */
export const HOLIDAY_NOTICE_DAYS = 14;
/** More than this many dates in a row reads as a list of the calendar, not a sentence. */
export const MAX_HOLIDAYS_NAMED = 3;

const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Monday 1 January 2024, for weekday names only. */
const A_MONDAY = { year: 2024, month: 1, day: 1 };
/** A run of this many days in a row is said as a range ("Monday to Wednesday"); two are listed. */
const MIN_DAYS_AS_RANGE = 3;

/**
 * The weekly hours in `language` (weekday names and the zone's name from Intl), and, given `now`,
 * the holidays on otherwise open days within HOLIDAY_NOTICE_DAYS. Empty when the calendar is
 * never open.
 */
export function describeBusinessHours(hours: BusinessHours, language: LanguageCode, now?: Date): string {
  const words = timeWordsFor(language);
  const groups = groupDaysByHours(hours);
  if (groups.length === 0) return '';
  const [only] = groups;
  const weekly =
    groups.length === 1 && only !== undefined
      ? words.hoursOfAll(daysWords(only.days, words), intervalWords(only.intervals, words))
      : groups.map((g) => words.hoursOfSome(daysWords(g.days, words), intervalWords(g.intervals, words))).join(', ');
  const sentence = words.inZone(weekly, zoneTimeName(hours.timeZone, words));
  const holidays = now === undefined ? [] : holidaysAhead(hours, wallTimeAt(now, { timeZone: hours.timeZone }));
  if (holidays.length === 0) return sentence;
  return `${sentence}; ${words.closedOn(
    listWords(
      holidays.map((day) => dayWords(day, words)),
      words,
    ),
  )}`;
}

interface DayGroup {
  readonly days: readonly number[];
  readonly intervals: readonly string[];
}

/** Open weekdays (0 = Monday) gathered by identical hours, in the order of each set's first day. */
function groupDaysByHours(hours: BusinessHours): DayGroup[] {
  const byHours = new Map<string, { days: number[]; intervals: readonly string[] }>();
  WEEK.forEach((weekday, index) => {
    const intervals = hours.weekly[weekday] ?? [];
    if (intervals.length === 0) return;
    const key = intervals.join(',');
    const group = byHours.get(key) ?? { days: [], intervals };
    group.days.push(index);
    byHours.set(key, group);
  });
  return [...byHours.values()];
}

/** [0, 1, 2, 3, 4] as "Monday to Friday"; [0, 2, 4] as "Monday, Wednesday and Friday". */
function daysWords(days: readonly number[], words: TimeWords): string {
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run !== undefined && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (day: number): string => weekdayWords(dayAfter(A_MONDAY, day), words);
  const parts = runs.flatMap((run) => {
    const first = run[0] ?? 0;
    const last = run.at(-1) ?? first;
    return run.length >= MIN_DAYS_AS_RANGE ? [words.dayRange(name(first), name(last))] : run.map(name);
  });
  return listWords(parts, words);
}

/** ['09:00-12:00', '13:00-17:00'] as "09:00–12:00 and 13:00–17:00" (German adds "Uhr" once). */
function intervalWords(intervals: readonly string[], words: TimeWords): string {
  return words.clock(
    listWords(
      intervals.map((interval) => interval.replace('-', '–')),
      words,
    ),
  );
}

/** Holidays from today on, within the notice window, that close a day which would be open. */
function holidaysAhead(hours: BusinessHours, today: LocalDay): LocalDay[] {
  const ahead: LocalDay[] = [];
  for (let offset = 0; offset < HOLIDAY_NOTICE_DAYS && ahead.length < MAX_HOLIDAYS_NAMED; offset++) {
    const day = dayAfter(today, offset);
    const weekday = WEEK[(new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7];
    if (weekday === undefined || (hours.weekly[weekday] ?? []).length === 0) continue;
    if (hours.holidays.includes(isoDay(day))) ahead.push(day);
  }
  return ahead;
}
