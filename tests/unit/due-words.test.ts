import { describe, expect, it } from 'vitest';
import { acknowledgementTimes } from '../../functions/core/acknowledgement-times.ts';
import type { BusinessHours } from '../../functions/core/business-hours.ts';
import { describeAnswerDue } from '../../functions/core/due-words.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';

const at = (iso: string) => new Date(iso);

describe("when the answer is due, on the customer's clock", () => {
  it.each([
    ['+0100', 60, 'by 15:00 today, your time'],
    ['-0500', -300, 'by 09:00 today, your time'],
    ['+0530', 330, 'by 19:30 today, your time'],
  ])('a customer writing with %s reads the due time in their own hours', (_zone, offset, words) => {
    const due = describeAnswerDue({
      due: at('2026-12-07T14:00:00Z'),
      now: at('2026-12-07T10:00:00Z'),
      language: 'en',
      customerOffsetMinutes: offset,
      timeZone: 'Europe/Berlin',
    });
    expect(due).toBe(words);
  });

  it('says "tomorrow" with the weekday when the due time is past midnight in the customer\'s zone only', () => {
    // 22:30 UTC is 23:30 Monday in +0100 and already 04:00 Tuesday in +0530.
    const input = { due: at('2026-12-07T22:30:00Z'), now: at('2026-12-07T16:00:00Z'), language: 'en', timeZone: 'UTC' };
    expect(describeAnswerDue({ ...input, customerOffsetMinutes: 60 })).toBe('by 23:30 today, your time');
    expect(describeAnswerDue({ ...input, customerOffsetMinutes: 330 })).toBe('by 04:00 tomorrow (Tuesday), your time');
  });

  it('judges "today" on the day the customer is in when we write, not the day in UTC', () => {
    // 23:30 UTC Monday is 10:30 Tuesday in +1100: an answer due 02:00 UTC Tuesday is due "today" for them.
    const due = describeAnswerDue({
      due: at('2026-12-08T02:00:00Z'),
      now: at('2026-12-07T23:30:00Z'),
      language: 'en',
      customerOffsetMinutes: 660,
      timeZone: 'UTC',
    });
    expect(due).toBe('by 13:00 today, your time');
  });

  it('names the date from the day after tomorrow on, and the year when it is another', () => {
    const input = { now: at('2026-12-07T10:00:00Z'), language: 'en', customerOffsetMinutes: 60, timeZone: 'UTC' };
    expect(describeAnswerDue({ ...input, due: at('2026-12-09T10:00:00Z') })).toBe(
      'by Wednesday 9 December, 11:00, your time',
    );
    expect(describeAnswerDue({ ...input, due: at('2027-01-04T08:00:00Z') })).toBe(
      'by Monday, 4 January 2027, 09:00, your time',
    );
  });

  it('rounds the deadline up to the next five minutes, never promising sooner than the target', () => {
    const input = { now: at('2026-12-07T10:00:00Z'), language: 'en', customerOffsetMinutes: 0, timeZone: 'UTC' };
    expect(describeAnswerDue({ ...input, due: at('2026-12-07T13:47:12Z') })).toBe('by 13:50 today, your time');
    expect(describeAnswerDue({ ...input, due: at('2026-12-07T13:45:00Z') })).toBe('by 13:45 today, your time');
  });

  it("names the team's zone by its city when the customer's offset is not known", () => {
    const input = { due: at('2026-12-07T14:00:00Z'), now: at('2026-12-07T10:00:00Z'), language: 'en' };
    expect(describeAnswerDue({ ...input, timeZone: 'Europe/Berlin' })).toBe('by 15:00 today, Berlin time');
    expect(describeAnswerDue({ ...input, timeZone: 'America/New_York' })).toBe('by 09:00 today, New York time');
    expect(describeAnswerDue({ ...input, timeZone: 'UTC' })).toBe('by 14:00 today, UTC');
  });

  it("follows the team's zone across its daylight-saving change", () => {
    // Berlin moves to summer time on Sunday 29 March 2026: 09:00 on Monday the 30th is 07:00 UTC.
    const due = describeAnswerDue({
      due: at('2026-03-30T07:00:00Z'),
      now: at('2026-03-27T15:30:00Z'),
      language: 'en',
      timeZone: 'Europe/Berlin',
    });
    expect(due).toBe('by Monday 30 March, 09:00, Berlin time');
  });

  it('speaks German to a German case', () => {
    const input = { now: at('2026-12-07T10:00:00Z'), language: 'de', timeZone: 'Europe/Berlin' };
    expect(describeAnswerDue({ ...input, due: at('2026-12-07T14:00:00Z'), customerOffsetMinutes: 60 })).toBe(
      'bis heute 15:00 Uhr (Ihre Ortszeit)',
    );
    expect(describeAnswerDue({ ...input, due: at('2026-12-08T09:00:00Z') })).toBe(
      'bis morgen (Dienstag) 10:00 Uhr (Berliner Zeit)',
    );
    expect(describeAnswerDue({ ...input, due: at('2026-12-09T10:00:00Z'), customerOffsetMinutes: 60 })).toBe(
      'bis Mittwoch, 9. Dezember, 11:00 Uhr (Ihre Ortszeit)',
    );
  });

  it('is English for a language we ship no templates in, as the mail around it is', () => {
    const due = describeAnswerDue({
      due: at('2026-12-08T09:00:00Z'),
      now: at('2026-12-07T10:00:00Z'),
      language: 'fr',
      timeZone: 'Europe/Berlin',
    });
    expect(due).toBe('by 10:00 tomorrow (Tuesday), Berlin time');
  });

  it('speaks English for a language code Intl does not know, or one that is no code at all', () => {
    const input = { due: at('2026-12-08T09:00:00Z'), now: at('2026-12-07T10:00:00Z'), timeZone: 'Europe/Berlin' };
    expect(describeAnswerDue({ ...input, language: 'zz' })).toBe('by 10:00 tomorrow (Tuesday), Berlin time');
    expect(describeAnswerDue({ ...input, language: '' })).toBe('by 10:00 tomorrow (Tuesday), Berlin time');
    expect(describeAnswerDue({ ...input, language: 'DE-at' })).toBe('bis morgen (Dienstag) 10:00 Uhr (Berliner Zeit)');
  });
});

describe('the times an acknowledgement names', () => {
  const berlin: BusinessHours = {
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: ['09:00-17:00'],
      tue: ['09:00-17:00'],
      wed: ['09:00-17:00'],
      thu: ['09:00-17:00'],
      fri: ['09:00-13:00'],
    },
    holidays: ['2026-12-24', '2026-12-25'],
  };
  const opened: SupportCase = {
    caseId: 'c-1',
    caseNumber: 1001,
    version: 1,
    subject: 'Broken hinge',
    participants: ['ana@customer.test'],
    status: 'new',
    priority: 'normal',
    flags: [],
    createdAt: '2026-12-22T11:00:00.000Z',
    updatedAt: '2026-12-22T11:00:00.000Z',
    awaitingAnswerSince: '2026-12-22T11:00:00.000Z',
    threadReferences: [],
    recent: [],
  };

  it('tells the first-response deadline past the holidays, and names the holidays ahead', () => {
    // Tuesday 22 December, 12:00 in Berlin (+0100, as the customer): four business hours end at 16:00.
    const times = acknowledgementTimes({
      supportCase: opened,
      slaPolicy: DEFAULT_SLA_POLICY,
      businessHours: berlin,
      customerOffsetMinutes: 60,
      language: 'en',
      now: at(opened.createdAt),
    });
    expect(times).toEqual({
      answerDue: 'by 16:00 today, your time',
      businessHoursWords:
        'Monday to Thursday 09:00–17:00, Friday 09:00–13:00 (Berlin time); closed on Thursday 24 December and Friday 25 December',
    });
  });

  it('names no due time for a case no first-response target runs for', () => {
    const times = acknowledgementTimes({
      supportCase: { ...opened, status: 'solved' },
      slaPolicy: DEFAULT_SLA_POLICY,
      businessHours: berlin,
      language: 'en',
      now: at(opened.createdAt),
    });
    expect(times.answerDue).toBe('');
  });

  it('counts the deadline over closed days and tells it on the date it falls', () => {
    // Wednesday 23 December 16:00 Berlin: 1 hour that day, then 24th and 25th are holidays, the weekend
    // is closed, and the other 3 hours run on Monday 28 December until 12:00.
    const late = { ...opened, createdAt: '2026-12-23T15:00:00.000Z', awaitingAnswerSince: '2026-12-23T15:00:00.000Z' };
    const times = acknowledgementTimes({
      supportCase: late,
      slaPolicy: DEFAULT_SLA_POLICY,
      businessHours: berlin,
      language: 'de',
      now: at(late.createdAt),
    });
    expect(times.answerDue).toBe('bis Montag, 28. Dezember, 12:00 Uhr (Berliner Zeit)');
  });
});
