/** The language a case is written to in: told by the customer's first mail, kept on the case (issue 19). */
import { FALLBACK_LANGUAGE, LANGUAGE_CODE_FORM, type LanguageCode } from './queues.ts';

/**
 * Below this many characters of the customer's own words (quotes and signature stripped, spaces
 * collapsed) the queue's language is used instead of a detector's guess: a "Thanks!", an "ok" or
 * a bare order number is a word or two, and a product name or a customer's name then counts as much
 * as the language. Twenty characters is a short sentence ("Where is my order?"), the shortest text
 * our German, English and French samples were all told apart on.
 */
export const MIN_DETECTABLE_CHARS = 20;

/**
 * The detector reads at most this much of the words: a few sentences settle a language, and a
 * customer who pastes a whole log into their first mail should not cost intake more than one who
 * writes two lines.
 */
export const MAX_DETECTED_CHARS = 1000;

/** Names languages; it echoes back a code that names none, which is how an unknown code shows. */
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** Answers of isLanguageCode so far: at most 676 two-letter codes, and ICU's lookup costs tens of microseconds a mail. */
const KNOWN_CODES = new Map<string, boolean>();

/** Whether `code` is an ISO 639-1 language code (`de`, `fr`), in the lowercase form we store. */
export function isLanguageCode(code: string): boolean {
  if (!LANGUAGE_CODE_FORM.test(code)) return false;
  let known = KNOWN_CODES.get(code);
  if (known === undefined) {
    known = LANGUAGE_NAMES.of(code) !== code;
    KNOWN_CODES.set(code, known);
  }
  return known;
}

/** "German" for `de`; the code itself for one that names no language. */
export function languageName(code: LanguageCode): string {
  return LANGUAGE_CODE_FORM.test(code) ? (LANGUAGE_NAMES.of(code) ?? code) : code;
}

/** Guesses the language of a text: an ISO 639-1 code, or undefined when it cannot tell. */
export type LanguageDetector = (text: string) => LanguageCode | undefined;

/** What a new case's first mail says about its customer's language. */
export interface FirstMailLanguage {
  /** The Content-Language header, if any (`de-DE`, `de, en`). */
  readonly contentLanguage?: string;
  /** The customer's own words: quotes, signature and markup stripped. */
  readonly words: string;
}

/**
 * A new case's language: the first language its Content-Language header names, when that is a
 * language at all (we keep it even without templates in it: they fall back to English, and a
 * translation added later serves the case); otherwise the detector's answer on the customer's
 * words, when there are at least MIN_DETECTABLE_CHARS of them; otherwise the queue's language.
 */
export function decideCaseLanguage(
  mail: FirstMailLanguage,
  detect: LanguageDetector,
  queueLanguage: LanguageCode = FALLBACK_LANGUAGE,
): LanguageCode {
  const declared = primaryLanguage(mail.contentLanguage);
  if (declared !== undefined) return declared;
  const words = collapsedPrefix(mail.words, MAX_DETECTED_CHARS);
  if (words.length < MIN_DETECTABLE_CHARS) return queueLanguage;
  const detected = detect(words)?.toLowerCase();
  return detected !== undefined && isLanguageCode(detected) ? detected : queueLanguage;
}

/**
 * The first `max` characters of `text` with its whitespace collapsed and trimmed, without collapsing
 * all of a long text: collapsing a prefix gives a prefix of the whole collapsed, and a raw prefix
 * four times `max` holds `max` collapsed characters unless it is mostly whitespace.
 */
export function collapsedPrefix(text: string, max: number): string {
  const collapse = (t: string) => t.replace(/\s+/g, ' ').trim();
  const head = collapse(text.slice(0, max * 4));
  return (head.length >= max || text.length <= max * 4 ? head : collapse(text)).slice(0, max);
}

/** `de` from `de-DE, en;q=0.5`: the first tag's language, when it is an ISO 639-1 code. */
export function primaryLanguage(header: string | undefined): LanguageCode | undefined {
  const first = header?.split(',')[0]?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return isLanguageCode(first) ? first : undefined;
}
