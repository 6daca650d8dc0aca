/**
 * The sender's UTC offset as their Date header states it (RFC 5322 section 3.3). mailparser turns
 * the header into a Date and drops the offset, yet the offset is the one sign of the customer's
 * own clock a mail carries: "+0100" is a writer in Berlin in winter, "-0500" one in New York.
 */

/**
 * RFC 5322 `zone` is four digits, but real offsets span UTC-12:00 (Baker Island) to UTC+14:00
 * (Kiribati, Line Islands); anything beyond is a broken clock, not a place.
 */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * The obsolete zone names RFC 5322 section 4.3 gives a meaning to. Its military single letters
 * were defined with the wrong sign in RFC 822, so it says to read them as "-0000" (unknown); any
 * other name (CET, IST ...) is ambiguous or unofficial and tells us nothing either.
 */
const OBSOLETE_ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  GMT: 0,
  EDT: -4 * 60,
  EST: -5 * 60,
  CDT: -5 * 60,
  CST: -6 * 60,
  MDT: -6 * 60,
  MST: -7 * 60,
  PDT: -7 * 60,
  PST: -8 * 60,
};

/**
 * `[day-of-week ","] day month year hour ":" minute [":" second] zone`, leniently spaced: the zone
 * is read only from a header whose date and time parts are all there, so a stray number at the
 * end of a broken header is not taken for an offset.
 */
const DATE_VALUE =
  /^(?:[a-z]{3},?\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:([+-])(\d{2})(\d{2})|([a-z]{1,5}))$/i;

/**
 * Minutes east of UTC that a Date header's value states ("+0530" is 330, "EST" is -300), or
 * undefined when it states none: no zone, "-0000" (RFC 5322: the local time is not known), a
 * military letter or unknown name, an impossible offset, or a value that is no date at all.
 */
export function readDateOffset(value: string): number | undefined {
  const match = DATE_VALUE.exec(withoutComments(value).replace(/\s+/g, ' ').trim());
  if (match === null) return undefined;
  const [, sign, hours, minutes, name] = match;
  if (name !== undefined) return OBSOLETE_ZONES[name.toUpperCase()];
  if (sign === '-' && hours === '00' && minutes === '00') return undefined;
  if (Number(minutes) > 59) return undefined;
  const offset = Number(hours) * 60 + Number(minutes);
  if (offset > MAX_OFFSET_MINUTES) return undefined;
  return sign === '-' ? -offset : offset;
}

/**
 * The offset of a message's first Date header among its raw header lines (mailparser's
 * `headerLines`, each `{ key, line }` with the whole folded field), or undefined without one.
 */
export function dateHeaderOffset(headerLines: readonly { key: string; line: string }[]): number | undefined {
  const date = headerLines.find((h) => h.key.toLowerCase() === 'date');
  if (date === undefined) return undefined;
  return readDateOffset(date.line.replace(/^date:/i, ''));
}

/** RFC 5322 comments, "(CET)" after the offset most often; they never nest deeper in a Date. */
function withoutComments(value: string): string {
  return value.replace(/\([^()]*\)/g, ' ');
}
