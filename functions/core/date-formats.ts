/**
 * Intl date formatters, each built once per locale and options and then kept: building one costs
 * about a tenth of a millisecond, a mail may format a dozen times, and a process needs only a few
 * (its queues' zones and languages).
 */
const kept = new Map<string, Intl.DateTimeFormat>();

/** The formatter for `locale` and `options`, built on first use. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = kept.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    kept.set(key, format);
  }
  return format;
}
