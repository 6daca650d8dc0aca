import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, MAX_SEARCH_DAYS } from '../../functions/core/business-calendar.ts';
import {
  type BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  InvalidBusinessHoursError,
  NoBusinessHoursError,
} from '../../functions/core/business-hours.ts';
import { compile, wallClockOf } from '../../functions/core/calendar-spans.ts';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const WEEKDAYS_NINE_TO_FIVE = {
  mon: ['09:00-17:00'],
  tue: ['09:00-17:00'],
  wed: ['09:00-17:00'],
  thu: ['09:00-17:00'],
  fri: ['09:00-17:00'],
};
const EVERY_DAY_NINE_TO_FIVE = { ...WEEKDAYS_NINE_TO_FIVE, sat: ['09:00-17:00'], sun: ['09:00-17:00'] };
const inZone = (timeZone: string, weekly: BusinessHours['weekly'], holidays: string[] = []): BusinessHours => ({
  timeZone,
  weekly,
  holidays,
});

describe('business minutes on an ordinary week (UTC, Monday to Friday 09:00-17:00)', () => {
  const hours = DEFAULT_BUSINESS_HOURS;

  it('counts within a day', () => {
    // Act
    const due = addBusinessMinutes(hours, at('2026-03-02T10:00:00Z'), 90);

    // Assess
    expect(iso(due)).toBe('2026-03-02T11:30:00.000Z');
    expect(businessMinutesBetween(hours, at('2026-03-02T10:00:00Z'), due)).toBe(90);
  });

  it('skips the lunch break', () => {
    // Prepare
    const withLunch = inZone('UTC', { mon: ['09:00-12:30', '13:30-17:00'] });

    // Act
    const due = addBusinessMinutes(withLunch, at('2026-03-02T12:00:00Z'), 60);

    // Assess
    expect(iso(due)).toBe('2026-03-02T14:00:00.000Z');
    expect(businessMinutesBetween(withLunch, at('2026-03-02T12:00:00Z'), at('2026-03-02T14:00:00Z'))).toBe(60);
  });

  it('carries what is left at closing time over the night', () => {
    expect(iso(addBusinessMinutes(hours, at('2026-03-02T16:00:00Z'), 120))).toBe('2026-03-03T10:00:00.000Z');
    expect(businessMinutesBetween(hours, at('2026-03-02T16:00:00Z'), at('2026-03-03T10:00:00Z'))).toBe(120);
  });

  it('ends a full day at closing time, not at the next opening', () => {
    expect(iso(addBusinessMinutes(hours, at('2026-03-02T09:00:00Z'), 480))).toBe('2026-03-02T17:00:00.000Z');
  });

  it('goes from Friday evening to Monday morning', () => {
    expect(iso(addBusinessMinutes(hours, at('2026-03-06T16:30:00Z'), 60))).toBe('2026-03-09T09:30:00.000Z');
    expect(businessMinutesBetween(hours, at('2026-03-06T16:30:00Z'), at('2026-03-09T09:30:00Z'))).toBe(60);
  });

  it('skips a holiday', () => {
    // Prepare
    const withHoliday = inZone('UTC', WEEKDAYS_NINE_TO_FIVE, ['2026-03-05']);

    // Act
    const due = addBusinessMinutes(withHoliday, at('2026-03-04T16:00:00Z'), 120);

    // Assess
    expect(iso(due)).toBe('2026-03-06T10:00:00.000Z');
    expect(businessMinutesBetween(withHoliday, at('2026-03-05T00:00:00Z'), at('2026-03-06T00:00:00Z'))).toBe(0);
  });

  it('starts counting at the next opening when the start lies outside hours', () => {
    expect(iso(addBusinessMinutes(hours, at('2026-03-07T11:00:00Z'), 30))).toBe('2026-03-09T09:30:00.000Z'); // a Saturday
    expect(iso(addBusinessMinutes(hours, at('2026-03-03T06:00:00Z'), 60))).toBe('2026-03-03T10:00:00.000Z'); // before opening
    expect(iso(addBusinessMinutes(hours, at('2026-03-07T11:00:00Z'), 0))).toBe('2026-03-07T11:00:00.000Z'); // nothing to add
    expect(businessMinutesBetween(hours, at('2026-03-07T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(0);
  });

  it('counts nothing backwards', () => {
    expect(businessMinutesBetween(hours, at('2026-03-03T12:00:00Z'), at('2026-03-02T12:00:00Z'))).toBe(0);
  });
});

describe('business minutes across a DST change', () => {
  it('keeps Europe/Berlin hours on the local clock over the spring-forward weekend (2026-03-29)', () => {
    // Prepare
    const berlin = inZone('Europe/Berlin', WEEKDAYS_NINE_TO_FIVE);

    // Act: Friday 16:00 CET plus two hours lands on Monday 10:00 CEST
    const due = addBusinessMinutes(berlin, at('2026-03-27T15:00:00Z'), 120);

    // Assess
    expect(iso(due)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('keeps Europe/Berlin hours on the local clock over the fall-back weekend (2026-10-25)', () => {
    const berlin = inZone('Europe/Berlin', WEEKDAYS_NINE_TO_FIVE);
    expect(iso(addBusinessMinutes(berlin, at('2026-10-23T14:00:00Z'), 120))).toBe('2026-10-26T09:00:00.000Z');
  });

  it('gives a 09:00-17:00 day 8 hours on the 23- and the 25-hour day', () => {
    // Prepare
    const berlin = inZone('Europe/Berlin', EVERY_DAY_NINE_TO_FIVE);

    // Act
    const springDay = businessMinutesBetween(berlin, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'));
    const autumnDay = businessMinutesBetween(berlin, at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'));

    // Assess
    expect([springDay, autumnDay]).toEqual([480, 480]);
    expect(iso(addBusinessMinutes(berlin, at('2026-03-29T00:00:00Z'), 480))).toBe('2026-03-29T15:00:00.000Z'); // 17:00 CEST
    expect(iso(addBusinessMinutes(berlin, at('2026-10-25T00:00:00Z'), 480))).toBe('2026-10-25T16:00:00.000Z'); // 17:00 CET
  });

  it('shortens a night shift that spans the lost hour and lengthens one that spans the repeated hour', () => {
    // Prepare
    const nightShift = inZone('Europe/Berlin', { sun: ['00:00-06:00'] });

    // Act
    const spring = businessMinutesBetween(nightShift, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'));
    const autumn = businessMinutesBetween(nightShift, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'));

    // Assess
    expect([spring, autumn]).toEqual([300, 420]);
  });

  it('opens at the jump when the opening time itself falls into the lost hour', () => {
    const opensInGap = inZone('Europe/Berlin', { sun: ['02:30-05:00'] });
    expect(businessMinutesBetween(opensInGap, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'))).toBe(120);
    expect(iso(addBusinessMinutes(opensInGap, at('2026-03-28T12:00:00Z'), 1))).toBe('2026-03-29T01:01:00.000Z'); // 03:01 CEST
  });

  it('follows America/New_York over its own change dates (2026-03-08 and 2026-11-01)', () => {
    // Prepare
    const newYork = inZone('America/New_York', WEEKDAYS_NINE_TO_FIVE);
    const nightShift = inZone('America/New_York', { sun: ['01:00-04:00'] });

    // Act
    const afterSpring = addBusinessMinutes(newYork, at('2026-03-06T21:00:00Z'), 120); // Friday 16:00 EST
    const afterAutumn = addBusinessMinutes(newYork, at('2026-10-30T20:00:00Z'), 120); // Friday 16:00 EDT

    // Assess
    expect(iso(afterSpring)).toBe('2026-03-09T14:00:00.000Z'); // Monday 10:00 EDT
    expect(iso(afterAutumn)).toBe('2026-11-02T15:00:00.000Z'); // Monday 10:00 EST
    expect(businessMinutesBetween(nightShift, at('2026-03-07T12:00:00Z'), at('2026-03-08T12:00:00Z'))).toBe(120);
    expect(businessMinutesBetween(nightShift, at('2026-10-31T12:00:00Z'), at('2026-11-01T12:00:00Z'))).toBe(240);
  });
});

describe('the wall clock of an instant', () => {
  it('keeps each instant its own milliseconds when its second was read before, also before 1970', () => {
    // Prepare: Berlin is an hour ahead of UTC in winter
    const berlin = compile(inZone('Europe/Berlin', WEEKDAYS_NINE_TO_FIVE));
    const second = Date.parse('2026-01-05T08:00:00Z');
    const beforeEpoch = Date.parse('1969-12-31T23:59:59Z');

    // Act: the first of each pair reads the time zone, the second is remembered
    const walls = [second, second + 999, beforeEpoch + 1, beforeEpoch + 998].map((instant) =>
      new Date(wallClockOf(berlin, instant)).toISOString(),
    );

    // Assess
    expect(walls).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T09:00:00.999Z',
      '1970-01-01T00:59:59.001Z',
      '1970-01-01T00:59:59.998Z',
    ]);
  });
});

describe('adding and measuring agree', () => {
  /** mulberry32: a small seeded generator, so a failure replays exactly. */
  function seededRandom(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const berlin = inZone(
    'Europe/Berlin',
    {
      mon: ['09:00-12:30', '13:30-17:00'],
      tue: ['09:00-17:00'],
      wed: ['08:00-12:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-15:00'],
      sun: ['01:00-04:00'],
    },
    ['2026-04-03', '2026-04-06', '2026-12-24', '2026-12-25'],
  );
  const YEAR_2026 = Date.parse('2026-01-01T00:00:00Z');
  const YEAR_MS = 365 * 86_400_000;

  it('measures back exactly what was added, from many random starts across 2026', () => {
    // Prepare
    const random = seededRandom(20260329);

    for (let i = 0; i < 300; i++) {
      const start = new Date(YEAR_2026 + Math.floor(random() * YEAR_MS));
      const minutes = Math.floor(random() * 3000);

      // Act
      const due = addBusinessMinutes(berlin, start, minutes);

      // Assess
      expect(businessMinutesBetween(berlin, start, due), `${iso(start)} + ${minutes}`).toBe(minutes);
    }
  });

  it('adds back what was measured, reaching no later than the end', () => {
    // Prepare
    const random = seededRandom(20261025);

    for (let i = 0; i < 300; i++) {
      const from = new Date(YEAR_2026 + Math.floor(random() * YEAR_MS));
      const to = new Date(from.getTime() + Math.floor(random() * 14 * 86_400_000));

      // Act
      const measured = businessMinutesBetween(berlin, from, to);
      const reached = addBusinessMinutes(berlin, from, measured);

      // Assess
      expect(reached.getTime(), `${iso(from)} → ${iso(to)}`).toBeLessThanOrEqual(to.getTime());
      expect(businessMinutesBetween(berlin, from, reached)).toBe(measured);
      expect(businessMinutesBetween(berlin, reached, to)).toBe(0);
    }
  });
});

describe('calendars that cannot be counted in', () => {
  it('refuses a calendar with no open hours, saying why', () => {
    const closed = inZone('UTC', {});
    expect(() => addBusinessMinutes(closed, at('2026-03-02T10:00:00Z'), 60)).toThrow(NoBusinessHoursError);
    expect(() => businessMinutesBetween(closed, at('2026-03-02T10:00:00Z'), at('2026-03-03T10:00:00Z'))).toThrow(
      /open on no weekday/,
    );
  });

  it(`gives up after ${MAX_SEARCH_DAYS} days when holidays close every open day`, () => {
    // Prepare: open on Mondays only, and every Monday for four years a holiday
    const mondays = Array.from({ length: 4 * 53 }, (_, week) =>
      new Date(Date.parse('2026-03-02T00:00:00Z') + week * 7 * 86_400_000).toISOString().slice(0, 10),
    );
    const neverOpen = inZone('UTC', { mon: ['09:00-17:00'] }, mondays);

    // Act
    const attempt = () => addBusinessMinutes(neverOpen, at('2026-03-01T00:00:00Z'), 60);

    // Assess
    expect(attempt).toThrow(NoBusinessHoursError);
    expect(attempt).toThrow(/more than 1098 days ahead in UTC/);
  });

  it('names an unknown time zone and a malformed interval', () => {
    expect(() =>
      addBusinessMinutes(inZone('Mars/Olympus', WEEKDAYS_NINE_TO_FIVE), at('2026-03-02T10:00:00Z'), 1),
    ).toThrow(InvalidBusinessHoursError);
    expect(() => addBusinessMinutes(inZone('UTC', { mon: ['17:00-09:00'] }), at('2026-03-02T10:00:00Z'), 1)).toThrow(
      /mon: 17:00-09:00 closes before it opens/,
    );
  });
});
