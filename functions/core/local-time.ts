/*
 * An Intl formatter costs about a tenth of a millisecond to build, and a notification's history
 * shows up to a dozen times; a process sees few zones, so each zone's is built once.
 */
const shortFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Mon 7 Dec, 17:00 CET": a moment on a named clock (the business calendar's, the roster's), short
 * enough for an alert line or a list. `dateStyle` cannot be combined with `timeZoneName`, so the
 * parts are named one by one.
 */
export function shortLocalTime(at: Date, timeZone: string): string {
  let format = shortFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    shortFormats.set(timeZone, format);
  }
  return format.format(at);
}
