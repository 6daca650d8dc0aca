/**
 * The words times are told to a customer in, per language: "by 15:00 today, your time", "bis heute
 * 15:00 Uhr (Ihre Ortszeit)", "4 Geschäftsstunden". English and German have their own sentences; every other language
 * falls back to the English sentences, with weekday, month and time-zone names still from Intl in
 * its own language. Pure: the platform's Intl (full ICU in Node 22) is the only source of names.
 */
import { dateFormat } from './date-formats.ts';
import type { LanguageCode } from './queues.ts';

/** The sentences one language tells times in; `locale` is what Intl reads names in. */
export interface TimeWords {
  readonly locale: string;
  /** "15:00" on the 24-hour clock; German says "15:00 Uhr". */
  readonly clock: (time: string) => string;
  /** A time read on the customer's own clock (from their Date header). */
  readonly yourTime: string;
  /** The business calendar's clock by name: "Berlin time", "Berliner Zeit" (UTC-like zones are "UTC" in every language). */
  readonly zoneTime: (timeZone: string) => string;
  readonly dueToday: (time: string, zone: string) => string;
  readonly dueTomorrow: (time: string, weekday: string, zone: string) => string;
  readonly dueOn: (date: string, time: string, zone: string) => string;
  /** "Monday to Friday": three or more days in a row. */
  readonly dayRange: (first: string, last: string) => string;
  /** One set of hours for every open day: "Monday to Friday, 09:00–17:00". */
  readonly hoursOfAll: (days: string, hours: string) => string;
  /** One of several sets: "Friday 09:00–13:00". */
  readonly hoursOfSome: (days: string, hours: string) => string;
  readonly inZone: (hours: string, zone: string) => string;
  readonly closedOn: (dates: string) => string;
  /** A duration's units, each as [one, many] ("4 Geschäftsstunden"), and its decimal point. */
  readonly duration: DurationWords;
}

interface DurationWords {
  readonly minute: readonly [one: string, many: string];
  readonly hour: readonly [one: string, many: string];
  readonly businessMinute: readonly [one: string, many: string];
  readonly businessHour: readonly [one: string, many: string];
  readonly day: readonly [one: string, many: string];
  /** The decimal separator: "1.5 hours", "1,5 Stunden". */
  readonly point: string;
}

const ENGLISH: TimeWords = {
  locale: 'en-GB',
  clock: (time) => time,
  yourTime: 'your time',
  // IANA names its zones after a city, in English: "Europe/Berlin", "America/New_York".
  zoneTime: (timeZone) => `${timeZone.slice(timeZone.lastIndexOf('/') + 1).replaceAll('_', ' ')} time`,
  dueToday: (time, zone) => `by ${time} today, ${zone}`,
  dueTomorrow: (time, weekday, zone) => `by ${time} tomorrow (${weekday}), ${zone}`,
  dueOn: (date, time, zone) => `by ${date}, ${time}, ${zone}`,
  dayRange: (first, last) => `${first} to ${last}`,
  hoursOfAll: (days, hours) => `${days}, ${hours}`,
  hoursOfSome: (days, hours) => `${days} ${hours}`,
  inZone: (hours, zone) => `${hours} (${zone})`,
  closedOn: (dates) => `closed on ${dates}`,
  duration: {
    minute: ['minute', 'minutes'],
    hour: ['hour', 'hours'],
    businessMinute: ['business minute', 'business minutes'],
    businessHour: ['business hour', 'business hours'],
    day: ['day', 'days'],
    point: '.',
  },
};

/**
 * How German speakers name the clock of the zones a German-speaking team most likely works in;
 * every other zone gets ICU's own German name ("Nordamerikanische Ostküstenzeit").
 */
const GERMAN_CITY_TIMES: Readonly<Record<string, string>> = {
  'Europe/Berlin': 'Berliner Zeit',
  'Europe/Vienna': 'Wiener Zeit',
  'Europe/Zurich': 'Zürcher Zeit',
};

const GERMAN: TimeWords = {
  locale: 'de-DE',
  clock: (time) => `${time} Uhr`,
  yourTime: 'Ihre Ortszeit',
  zoneTime: (timeZone) => GERMAN_CITY_TIMES[timeZone] ?? intlZoneName(timeZone, 'de-DE', 'longGeneric'),
  dueToday: (time, zone) => `bis heute ${time} (${zone})`,
  dueTomorrow: (time, weekday, zone) => `bis morgen (${weekday}) ${time} (${zone})`,
  dueOn: (date, time, zone) => `bis ${date}, ${time} (${zone})`,
  dayRange: (first, last) => `${first} bis ${last}`,
  hoursOfAll: (days, hours) => `${days}, ${hours}`,
  hoursOfSome: (days, hours) => `${days} ${hours}`,
  inZone: (hours, zone) => `${hours} (${zone})`,
  closedOn: (dates) => `geschlossen am ${dates}`,
  duration: {
    minute: ['Minute', 'Minuten'],
    hour: ['Stunde', 'Stunden'],
    businessMinute: ['Minute (Geschäftszeit)', 'Minuten (Geschäftszeit)'],
    businessHour: ['Geschäftsstunde', 'Geschäftsstunden'],
    day: ['Tag', 'Tage'],
    point: ',',
  },
};

/**
 * The sentences for `language`: its own when we ship templates in it, else English. A case in any
 * other language reads the English templates, so its times are English too and the mail reads as one.
 */
export function timeWordsFor(language: LanguageCode): TimeWords {
  const code = language.toLowerCase().split(/[-_]/)[0];
  return code === 'de' ? GERMAN : ENGLISH;
}

/**
 * The name of a business time zone as a customer reads it: "Berlin time" (the IANA city), "Berliner
 * Zeit", "UTC"; in a language without sentences of its own, ICU's generic name in that language.
 */
export function zoneTimeName(timeZone: string, words: TimeWords): string {
  const key = `${words.locale}|${timeZone}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    // "UTC", "Etc/GMT-5": no city to name, and an offset reads the same in every language.
    name =
      !timeZone.includes('/') || timeZone.startsWith('Etc/')
        ? intlZoneName(timeZone, 'en-GB', 'short')
        : words.zoneTime(timeZone);
    zoneNames.set(key, name);
  }
  return name;
}

/*
 * An Intl formatter costs about a tenth of a millisecond to build and the words of one
 * acknowledgement need a dozen; a process sees few languages and zones, so each is built once.
 */
const zoneNames = new Map<string, string>();
const listFormats = new Map<string, Intl.ListFormat>();

function dayFormat(locale: string, parts: 'weekday' | 'day' | 'day-and-year'): Intl.DateTimeFormat {
  return dateFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    ...(parts === 'weekday' ? {} : { day: 'numeric', month: 'long' }),
    ...(parts === 'day-and-year' ? { year: 'numeric' } : {}),
  });
}

/** Generic names do not change with the season; a fixed instant keeps the words the same on any day. */
const NAMING_INSTANT = new Date(Date.UTC(2026, 0, 1));

function intlZoneName(timeZone: string, locale: string, style: 'short' | 'longGeneric'): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(NAMING_INSTANT);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** The local day a date is on, as "Wednesday 9 December" / "Mittwoch, 9. Dezember" (with the year when asked). */
export function dayWords(day: LocalDay, words: TimeWords, withYear = false): string {
  return dayFormat(words.locale, withYear ? 'day-and-year' : 'day').format(Date.UTC(day.year, day.month - 1, day.day));
}

/** The weekday's name alone, "Tuesday" / "Dienstag". */
export function weekdayWords(day: LocalDay, words: TimeWords): string {
  return dayFormat(words.locale, 'weekday').format(Date.UTC(day.year, day.month - 1, day.day));
}

/** "a, b and c" / "a, b und c" in the language's own list style. */
export function listWords(items: readonly string[], words: TimeWords): string {
  let format = listFormats.get(words.locale);
  if (format === undefined) {
    format = new Intl.ListFormat(words.locale, { type: 'conjunction' });
    listFormats.set(words.locale, format);
  }
  return format.format(items);
}

/** A calendar day on some clock; month 1–12. */
export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}
