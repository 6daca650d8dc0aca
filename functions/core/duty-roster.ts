/**
 * The supervisors' duty roster: who of them is on duty at a given instant. Shifts are wall-clock
 * hours per weekday in the business calendar's time zone, read with the calendar's own code
 * (calendar-spans.ts), so a daylight-saving change moves a shift with the clock: a 00:00-08:00 shift
 * lasts 7 hours on the spring-forward night and 9 on the fall-back night, and the next shift starts
 * when the local clock says so. On the calendar's holidays the weekly shifts do not apply: the
 * holiday supervisor (by default the fallback) is on duty the whole local day.
 */
import type { BusinessHours, Weekday } from './business-hours.ts';
import { compile, DAY_MS, instantOfWallClock, localDayOf, openSpans } from './calendar-spans.ts';

/** One supervisor's weekly hours on duty. */
export interface DutyShift {
  readonly agentId: string;
  /** Intervals per weekday as 'HH:MM-HH:MM' ('24:00' may end a day), on the calendar's local clock. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly string[]>>>;
}

/** Who of the supervisors is on duty when. */
export interface DutyRoster {
  /** The business calendar's IANA time zone: shifts are read on its clock. */
  readonly timeZone: string;
  /** The business calendar's holidays ('YYYY-MM-DD', local): the weekly shifts do not apply on them. */
  readonly holidays: readonly string[];
  /** Weekly shifts; where two overlap, the one listed first is on duty. */
  readonly shifts: readonly DutyShift[];
  /** Who is on duty all day on a holiday; default the fallback. */
  readonly onHolidays?: string;
  /** Who is on duty when nobody else is: an hour no shift covers, or a rostered supervisor who left the team. */
  readonly fallback: string;
}

interface ShiftCalendar {
  readonly agentId: string;
  /** The shift's hours with the team's holidays: when it is worked. */
  readonly worked: BusinessHours;
  /** The same hours without holidays: where its boundaries lie on any day. */
  readonly planned: BusinessHours;
}

interface RosterCalendars {
  readonly shifts: readonly ShiftCalendar[];
  /** Open all day every day: reads local dates and midnights. */
  readonly days: BusinessHours;
}

/** Each roster's calendars, built once: compile() remembers calendars by object, so they must stay the same objects. */
const rosterCalendars = new WeakMap<DutyRoster, RosterCalendars>();

const ALL_DAY = ['00:00-24:00'];

function calendarsOf(roster: DutyRoster): RosterCalendars {
  const known = rosterCalendars.get(roster);
  if (known !== undefined) return known;
  const { timeZone, holidays } = roster;
  const calendars: RosterCalendars = {
    // A shift with no hours at all is left out: compile() refuses a calendar that never opens.
    shifts: roster.shifts
      .filter((shift) => Object.values(shift.weekly).some((intervals) => intervals.length > 0))
      .map((shift) => ({
        agentId: shift.agentId,
        worked: { timeZone, weekly: shift.weekly, holidays },
        planned: { timeZone, weekly: shift.weekly, holidays: [] },
      })),
    days: {
      timeZone,
      weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
      holidays: [],
    },
  };
  rosterCalendars.set(roster, calendars);
  return calendars;
}

/** Whether `at` falls on one of the roster's holidays, on the local calendar. */
export function isDutyHoliday(roster: DutyRoster, at: Date): boolean {
  const day = localDayOf(compile(calendarsOf(roster).days), at.getTime());
  return roster.holidays.includes(new Date(day * DAY_MS).toISOString().slice(0, 10));
}

/** The agent ID the roster puts on duty at `at` (whether that agent is still a supervisor is agents.ts's question). */
export function rosteredAt(roster: DutyRoster, at: Date): string {
  if (isDutyHoliday(roster, at)) return roster.onHolidays ?? roster.fallback;
  const instant = at.getTime();
  for (const shift of calendarsOf(roster).shifts) {
    const calendar = compile(shift.worked);
    const spans = openSpans(calendar, localDayOf(calendar, instant));
    if (spans.some(([open, close]) => open <= instant && instant < close)) return shift.agentId;
  }
  return roster.fallback;
}

/**
 * Instants after `from` (and within `days` local days) where the roster may change hands: every
 * shift's starts and ends and every local midnight (a holiday begins or ends), in order.
 */
export function dutyBoundaries(roster: DutyRoster, from: Date, days: number): Date[] {
  const fromMs = from.getTime();
  const calendars = calendarsOf(roster);
  const dayCalendar = compile(calendars.days);
  const firstDay = localDayOf(dayCalendar, fromMs);
  const instants = new Set<number>();
  for (let day = firstDay; day <= firstDay + days; day++) {
    instants.add(instantOfWallClock(dayCalendar, (day + 1) * DAY_MS));
    for (const shift of calendars.shifts) {
      for (const [open, close] of openSpans(compile(shift.planned), day)) {
        instants.add(open);
        instants.add(close);
      }
    }
  }
  return [...instants]
    .filter((instant) => instant > fromMs)
    .sort((a, b) => a - b)
    .map((instant) => new Date(instant));
}
