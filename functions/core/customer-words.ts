/**
 * The few values the core itself writes into a customer's mail in words (a duration, a day), in the
 * case's language, from time-words.ts. Only languages whose templates we ship have words of their own:
 * a case in any other language reads the English templates, so its values stay English too and the mail reads as one.
 */
import { FALLBACK_LANGUAGE, type LanguageCode } from './queues.ts';
import { dateFormat } from './date-formats.ts';
import { timeWordsFor } from './time-words.ts';

/** "Tuesday 1 December" in `timeZone`: a date a customer reads without working out a time zone. */
export function formatDay(iso: string, timeZone: string, language: LanguageCode = FALLBACK_LANGUAGE): string {
  // The locale times are told in ("Tuesday 1 December", "Dienstag, 1. Dezember"): English for a language without its own.
  return dateFormat(timeWordsFor(language).locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(iso),
  );
}

/**
 * A duration in words a person reads at a glance: "30 minutes", "4 hours", "2 days" ("4
 * Geschäftsstunden" in German). Business time is never put in days, whose length depends on the calendar.
 */
export function describeDuration(
  hours: number,
  qualifier: '' | 'business ' = '',
  language: LanguageCode = FALLBACK_LANGUAGE,
): string {
  const words = timeWordsFor(language).duration;
  const business = qualifier !== '';
  const say = (n: number, [one, many]: readonly [string, string]) =>
    `${String(n).replace('.', words.point)} ${n === 1 ? one : many}`;
  if (hours < 1) return say(Math.max(1, Math.round(hours * 60)), business ? words.businessMinute : words.minute);
  if (business || hours < 48 || hours % 24 !== 0)
    return say(Math.round(hours * 10) / 10, business ? words.businessHour : words.hour);
  return say(hours / 24, words.day);
}
