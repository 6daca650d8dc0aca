import type { MailAddress } from './support-case.ts';

/**
 * Characters nobody sees that change what people (and header parsers) read. A display name decoded
 * to `Ana\r\nBcc: …` is a header injection once written into a header; a right-to-left override
 * turns "Invoice ‮fdp.exe" into "Invoice exe.pdf" on screen; a zero-width space splits "Pay​pal" so a
 * filter misses it; Unicode tag characters carry text no one sees to a language model. What agents
 * see and every header we write goes through these two functions.
 *
 * Removed: C0 controls (NUL, CR, LF ... except tab and line feed in bodies), DEL, C1 controls, the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width
 * spaces and invisible operators, the soft hyphen, and tag characters outside an emoji flag. Kept,
 * because real text needs them: the left-to-right and right-to-left marks (they reorder nothing
 * around letters, and Hebrew and Arabic text uses them), variation selectors, and zero-width
 * (non-)joiners where they join letters of scripts that use them or emoji.
 */

/** Controls other than tab and line feed: C0, DEL and C1. */
const CONTROLS_BUT_TAB_AND_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Zero-width space, word joiner and invisible operators, BOM as zero-width no-break space, soft hyphen, Mongolian vowel separator. */
const INVISIBLE_FORMAT = /[\u200B\u2060-\u2064\uFEFF\u00AD\u180E]/g;
/** Tag characters (U+E0000–U+E007F): only an emoji subdivision flag (🏴 followed by tags) uses them. */
const TAG_CHARACTERS = /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u{E0000}-\u{E007F}]/gu;
const JOINERS = /[\u200C\u200D]/g;
/** Text around which a joiner does no harm: emoji, and letters and marks outside the scripts used for look-alikes. */
const JOINED =
  /\p{Extended_Pictographic}|\uFE0F|(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])[\p{L}\p{M}]/u;

/**
 * A value fit for one line, on screen or in a header we write (display names, subjects, file names):
 * every control, line breaks included, becomes a space; invisible characters go; spaces collapse.
 */
export function visibleLine(value: string): string {
  return withoutInvisibles(value.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Body text as agents read it: line breaks become `\n` (tabs stay), other controls and invisible
 * characters go. Nothing else changes.
 */
export function visibleText(value: string): string {
  return withoutInvisibles(value.replace(/\r\n?/g, '\n').replace(CONTROLS_BUT_TAB_AND_LF, ''));
}

function withoutInvisibles(value: string): string {
  return value
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE_FORMAT, '')
    .replace(TAG_CHARACTERS, (_match, flag: string | undefined) => flag ?? '')
    .replace(JOINERS, (joiner: string, offset: number, whole: string) => (joinsWanted(whole, offset) ? joiner : ''));
}

function joinsWanted(text: string, offset: number): boolean {
  const before = [...text.slice(Math.max(0, offset - 2), offset)].at(-1);
  const after = [...text.slice(offset + 1, offset + 3)][0];
  return before !== undefined && after !== undefined && JOINED.test(before) && JOINED.test(after);
}

/** An address whose display name is one visible line; a name with nothing visible left is dropped. */
export function visibleAddress(address: { readonly address: string; readonly name?: string | undefined }): MailAddress {
  const name = address.name === undefined ? '' : visibleLine(address.name);
  return name === '' ? { address: address.address } : { address: address.address, name };
}
