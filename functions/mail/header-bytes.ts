import { decodeStrictly, readUndeclaredText } from './charset-reading.ts';

/**
 * Raw 8-bit bytes in header fields, which RFC 5322 forbids and the world sends anyway (a GBK subject,
 * a Shift_JIS display name, a Big5 attachment name, UTF-8 anywhere). mailparser reads header fields
 * as UTF-8, so other charsets come out as replacement characters, and its MIME splitter reads
 * attachment names as Latin-1, so even UTF-8 names come out as mojibake ("HofjÃ¤geralle.pdf").
 * Rewriting the fields before parsing gives both readers what they read right.
 */

/** One header field: its name, the colon and the value with any folded lines. */
const HEADER_FIELD = /^([!-9;-~]+)([ \t]*:)([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gm;
/** A quoted-printable encoded word; its charset is stated, so raw bytes inside it are in that charset. */
const Q_ENCODED_WORD = /=\?([^?\s]+)\?([Qq])\?([^?]*)\?=/g;
/** An escaped 8-bit byte in a Q word, which says the writer did encode in the stated charset. */
const ESCAPED_EIGHT_BIT = /=[89A-Fa-f][0-9A-Fa-f]/;
const EIGHT_BIT_CHAR = /[\x80-\xff]/g;
/** A parameter of Content-Type or Content-Disposition: `; name=value` or `; name="value"`. */
const PARAMETER = /(;\s*[^\s=;"]+\s*=\s*)("(?:[^"\\]|\\.)*"|[^;\s"]+)/g;
const STRUCTURED_BY_PARAMETERS = /^content-(type|disposition)$/i;

/** What the rest of the message says about its charsets, for fields that say nothing. */
export interface CharsetContext {
  /** Charsets declared in the message, the most relevant first; UTF-8 is always tried before them. */
  readonly declared: readonly string[];
  /** The detector's guesses for all raw header bytes of the message (more text guesses better), best first. */
  readonly guessed: readonly string[];
}

/**
 * A header block (read as latin1, one character per byte) whose raw 8-bit bytes are rewritten: inside
 * a Q encoded word they become `=XX` in the word's own charset; elsewhere the value is read as UTF-8,
 * else as a declared charset, else as the detector guesses, and written as UTF-8, except that
 * Content-Type and Content-Disposition parameters (attachment names) become encoded words.
 */
export function readableHeaderBlock(block: string, context: CharsetContext): string {
  if (!hasEightBitText(block)) return block;
  return block.replace(HEADER_FIELD, (field: string, name: string, colon: string, value: string) => {
    if (!hasEightBitText(value)) return field;
    return `${name}${colon}${readableValue(name, value, context)}`;
  });
}

/** Raw 8-bit header values of a header block, as bytes, for the detector's sample. */
export function eightBitValues(block: string): Buffer[] {
  return [...block.matchAll(HEADER_FIELD)]
    .map((m) => m[3] ?? '')
    .filter(hasEightBitText)
    .map((value) => Buffer.from(value, 'latin1'));
}

function readableValue(name: string, value: string, context: CharsetContext): string {
  const escaped = value.replace(Q_ENCODED_WORD, escapedWord);
  if (!hasEightBitText(escaped)) return escaped;
  const decoded = readUndeclaredText(Buffer.from(escaped, 'latin1'), context.declared, context.guessed);
  const written = STRUCTURED_BY_PARAMETERS.test(name) ? decoded.replace(PARAMETER, encodedParameter) : decoded;
  return Buffer.from(written, 'utf8').toString('latin1');
}

/** A non-ASCII parameter value as one encoded word in quotes, which both mailparser and its splitter decode. */
function encodedParameter(parameter: string, head: string, value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return parameter;
  const unquoted = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  const oneLine = unquoted.replace(/\r?\n[ \t]*/g, '');
  return `${head}"=?UTF-8?B?${Buffer.from(oneLine, 'utf8').toString('base64')}?="`;
}

/**
 * A Q word with its raw 8-bit bytes as `=XX`. Raw bytes that are valid UTF-8, in a word with no
 * escaped 8-bit byte of its own, are UTF-8 whatever the label says (a client that labels everything
 * ISO-8859-1 and pastes UTF-8 into it), and the word is relabelled.
 */
function escapedWord(word: string, charset: string, q: string, text: string): string {
  if (!hasEightBitText(text)) return word;
  const utf8 = !ESCAPED_EIGHT_BIT.test(text) && decodeStrictly(Buffer.from(text, 'latin1'), 'utf-8') !== undefined;
  return `=?${utf8 ? 'UTF-8' : charset}?${q}?${text.replace(EIGHT_BIT_CHAR, hexEscape)}?=`;
}

function hexEscape(char: string): string {
  return `=${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

function hasEightBitText(text: string): boolean {
  return /[\x80-\xff]/.test(text);
}
