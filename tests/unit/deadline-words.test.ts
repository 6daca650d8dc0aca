import { describe, expect, it } from 'vitest';
import { formatDeadline } from '../../functions/core/rating-recovery.ts';

describe('a deadline the customer reads on the survey page', () => {
  const at = new Date('2026-12-08T09:00:00Z');

  it('is said in English by default, on the business clock with its zone', () => {
    expect(formatDeadline(at, 'Europe/Berlin')).toBe('Tuesday 8 December at 10:00 CET');
  });

  it('is said in German for a German case, as a German reader writes it', () => {
    expect(formatDeadline(at, 'Europe/Berlin', 'de')).toBe('Dienstag, 8. Dezember um 10:00 MEZ');
  });

  it('is English for a language we ship no templates in, as the page around it is', () => {
    expect(formatDeadline(at, 'Europe/Berlin', 'fr')).toBe('Tuesday 8 December at 10:00 CET');
  });
});
