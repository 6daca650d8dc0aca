import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../functions/core/business-hours.ts';
import { describeBusinessHours, HOLIDAY_NOTICE_DAYS } from '../../functions/core/hours-words.ts';

const NINE_TO_FIVE = ['09:00-17:00'];
const weekdays = (mon: readonly string[], fri: readonly string[] = mon) => ({
  mon,
  tue: mon,
  wed: mon,
  thu: mon,
  fri,
});
const berlin = (weekly: BusinessHours['weekly'], holidays: readonly string[] = []): BusinessHours => ({
  timeZone: 'Europe/Berlin',
  weekly,
  holidays,
});

describe('business hours in words', () => {
  it('says one set of hours for the whole working week once, with the city of its zone', () => {
    expect(describeBusinessHours(berlin(weekdays(NINE_TO_FIVE)), 'en')).toBe(
      'Monday to Friday, 09:00–17:00 (Berlin time)',
    );
  });

  it('says a shorter Friday as its own hours after the rest of the week', () => {
    expect(describeBusinessHours(berlin(weekdays(NINE_TO_FIVE, ['09:00-13:00'])), 'en')).toBe(
      'Monday to Thursday 09:00–17:00, Friday 09:00–13:00 (Berlin time)',
    );
  });

  it('lists days apart and two days in a row, and a day split by a lunch break', () => {
    const hours = berlin({
      mon: NINE_TO_FIVE,
      wed: NINE_TO_FIVE,
      sat: ['10:00-12:00', '13:00-15:00'],
      sun: ['10:00-12:00', '13:00-15:00'],
    });
    expect(describeBusinessHours(hours, 'en')).toBe(
      'Monday and Wednesday 09:00–17:00, Saturday and Sunday 10:00–12:00 and 13:00–15:00 (Berlin time)',
    );
  });

  it('names UTC as UTC, and any other zone by its city', () => {
    const week = weekdays(NINE_TO_FIVE);
    expect(describeBusinessHours({ timeZone: 'UTC', weekly: week, holidays: [] }, 'en')).toBe(
      'Monday to Friday, 09:00–17:00 (UTC)',
    );
    expect(
      describeBusinessHours({ timeZone: 'America/Argentina/Buenos_Aires', weekly: week, holidays: [] }, 'en'),
    ).toBe('Monday to Friday, 09:00–17:00 (Buenos Aires time)');
  });

  it('names the holidays that close an open day in the next two weeks, and only those', () => {
    // Prepare: Sunday the 27th is closed anyway; 6 January lies beyond the notice.
    const hours = berlin(weekdays(NINE_TO_FIVE), ['2026-12-24', '2026-12-25', '2026-12-27', '2027-01-06']);

    // Act
    const words = describeBusinessHours(hours, 'en', new Date('2026-12-21T08:00:00Z'));

    // Assess
    expect(HOLIDAY_NOTICE_DAYS).toBe(14);
    expect(words).toBe(
      'Monday to Friday, 09:00–17:00 (Berlin time); closed on Thursday 24 December and Friday 25 December',
    );
  });

  it('reads "today" for holidays on the team\'s clock', () => {
    // 23:30 UTC on the 23rd is already the 24th in Berlin: the 23rd is behind us there.
    const hours = berlin(weekdays(NINE_TO_FIVE), ['2026-12-23', '2026-12-24']);
    expect(describeBusinessHours(hours, 'en', new Date('2026-12-23T23:30:00Z'))).toBe(
      'Monday to Friday, 09:00–17:00 (Berlin time); closed on Thursday 24 December',
    );
  });

  it('speaks German to a German case', () => {
    const hours = berlin(weekdays(NINE_TO_FIVE, ['09:00-13:00']), ['2026-12-24']);
    expect(describeBusinessHours(berlin(weekdays(NINE_TO_FIVE)), 'de')).toBe(
      'Montag bis Freitag, 09:00–17:00 Uhr (Berliner Zeit)',
    );
    expect(describeBusinessHours(hours, 'de', new Date('2026-12-21T08:00:00Z'))).toBe(
      'Montag bis Donnerstag 09:00–17:00 Uhr, Freitag 09:00–13:00 Uhr (Berliner Zeit); geschlossen am Donnerstag, 24. Dezember',
    );
    expect(
      describeBusinessHours({ timeZone: 'America/New_York', weekly: weekdays(NINE_TO_FIVE), holidays: [] }, 'de'),
    ).toBe('Montag bis Freitag, 09:00–17:00 Uhr (Nordamerikanische Ostküstenzeit)');
  });

  it('is English for a language we ship no templates in, as the mail around it is', () => {
    expect(describeBusinessHours(berlin(weekdays(NINE_TO_FIVE)), 'es')).toBe(
      'Monday to Friday, 09:00–17:00 (Berlin time)',
    );
  });

  it('is empty for a calendar that is never open', () => {
    expect(describeBusinessHours(berlin({}), 'en')).toBe('');
  });
});
