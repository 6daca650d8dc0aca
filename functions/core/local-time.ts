import { dateFormat } from './date-formats.ts';

/**
 * "Mon 7 Dec, 17:00 CET": a moment on a named clock (the business calendar's, the roster's), short
 * enough for an alert line or a list. `dateStyle` cannot be combined with `timeZoneName`, so the
 * parts are named one by one.
 */
export function shortLocalTime(at: Date, timeZone: string): string {
  return dateFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}
