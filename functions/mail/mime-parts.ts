import { randomBytes } from 'node:crypto';
import { encode as base64, wrap as wrapBase64 } from 'nodemailer/lib/base64';
import {
  buildHeaderValue,
  encodeWord,
  encodeWords,
  foldLines,
  hasLongerLines,
  isPlainText,
  parseHeaderValue,
} from 'nodemailer/lib/mime-funcs';
import { encode as quotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp';

/**
 * The pieces of a MIME message, written straight to strings with nodemailer's own encoders
 * (RFC 2047 words, RFC 2231 parameters, quoted-printable, base64, folding), as its MimeNode
 * writes them, without the stream per part that costs MimeNode most of its time.
 */

/** RFC 5322 recommends lines of at most 78 characters; 76 is what MIME's encodings keep to (RFC 2045 §6.7, §6.8). */
const MAX_LINE_CHARS = 76;
/** Longest encoded word before it is split (nodemailer's figure), so a folded line stays within MAX_LINE_CHARS. */
const MAX_WORD_CHARS = 52;

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * nodemailer's encodeWords with its fourth parameter, `encodeAll`, which its types leave out: the
 * whole value becomes encoded words once any of it must, as nodemailer writes it, since some clients
 * (Zimbra) drop the whitespace around an encoded word that sits between plain ones.
 */
const encodeAllWords = encodeWords as (
  value: string,
  encoding: 'Q' | 'B',
  maxLength: number,
  encodeAll: true,
) => string;

/** One header field, its value encoded as nodemailer encodes unstructured text, and folded. */
export function headerLine(name: string, value: string): string {
  return foldLines(`${name}: ${value}`, MAX_LINE_CHARS);
}

/** An unstructured value (a subject): a control character or any non-ASCII makes it encoded words. */
export function encodeText(value: string): string {
  return encodedWords(value.replace(/\r?\n|\r/g, ' '));
}

/** `value` as encoded words where any of it needs them: one word when it holds a control character, else nodemailer's split. */
function encodedWords(value: string): string {
  return CONTROL.test(value)
    ? encodeWord(value, wordEncoding(value), MAX_WORD_CHARS)
    : encodeAllWords(value, wordEncoding(value), MAX_WORD_CHARS, true);
}

/** Q when most of the value is Latin letters, else B: nodemailer's choice, the shorter result. */
function wordEncoding(value: string): 'Q' | 'B' {
  let nonLatin = 0;
  let latin = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80 || (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d)) nonLatin++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return nonLatin < latin ? 'Q' : 'B';
}

/** `Name <address>` or the bare address; a name with specials is quoted, a non-ASCII name is an encoded word. */
export function encodeAddress(address: { readonly address: string; readonly name?: string | undefined }): string {
  const bare = address.address.replace(/[\x00-\x1f\x7f<>]+/g, ' ').trim();
  if (address.name === undefined || address.name === '')
    return /^[^\s"(),:;<>@[\\\]]+@[^\s"(),:;<>@[\\\]]+$/.test(bare) ? bare : `<${bare}>`;
  return `${encodeName(address.name)} <${bare}>`;
}

function encodeName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/["\\]/g, '\\$&')}"`;
  return encodeWord(name, wordEncoding(name), MAX_WORD_CHARS);
}

/** A part: its header lines (already folded) and its body as written. */
export interface MimePart {
  readonly headers: readonly string[];
  readonly body: string | Buffer;
}

/** A text body: 7bit when it is plain ASCII in short lines, else quoted-printable or base64, whichever is shorter. */
export function textPart(subtype: 'plain' | 'html', text: string): MimePart {
  const type = headerLine('Content-Type', `text/${subtype}; charset=utf-8`);
  if (isPlainText(text) && !hasLongerLines(text, MAX_LINE_CHARS))
    return { headers: [type, 'Content-Transfer-Encoding: 7bit'], body: text };
  return wordEncoding(text) === 'Q'
    ? {
        headers: [type, 'Content-Transfer-Encoding: quoted-printable'],
        body: wrapQuotedPrintable(quotedPrintable(text), MAX_LINE_CHARS),
      }
    : { headers: [type, 'Content-Transfer-Encoding: base64'], body: wrapBase64(base64(text), MAX_LINE_CHARS) };
}

/** A file, as nodemailer attaches one: base64 (a message/* part as it is, which RFC 2046 §5.2.1 requires). */
export function filePart(file: {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
  readonly cid?: string;
}): MimePart {
  const message = /^message\//i.test(file.contentType);
  const inline = message || (/^image\//i.test(file.contentType) && file.cid !== undefined);
  const type = parseHeaderValue(file.contentType);
  type.value = type.value.replace(/[\x00-\x1f\x7f]/g, '');
  for (const key of Object.keys(type.params)) if (/^name(\*|$)/i.test(key)) delete type.params[key];
  const disposition = buildHeaderValue({
    value: inline ? 'inline' : 'attachment',
    params: { filename: file.filename },
  });
  const encoding = !message ? 'base64' : fitsSevenBit(file.content) ? '7bit' : '8bit';
  return {
    headers: [
      headerLine('Content-Type', `${buildHeaderValue(type)}; name=${nameParam(file.filename)}`),
      ...(file.cid === undefined ? [] : [headerLine('Content-ID', `<${file.cid.replace(/[<>]/g, '')}>`)]),
      `Content-Transfer-Encoding: ${encoding}`,
      headerLine('Content-Disposition', disposition),
    ],
    body: message ? file.content : wrapBase64(base64(file.content), MAX_LINE_CHARS),
  };
}

/** RFC 5322 §2.1.1: no line of a message longer than 998 octets; RFC 2045 §2.7: 7bit data has no NUL either. */
const MAX_LINE_OCTETS = 998;
const OVERLONG_LINE = new RegExp(`[^\r\n]{${MAX_LINE_OCTETS + 1}}`);

function fitsSevenBit(content: Buffer): boolean {
  const text = content.toString('latin1');
  return /^[\x01-\x7f]*$/.test(text) && !OVERLONG_LINE.test(text);
}

/** Content-Type's `name`, for clients that read no RFC 2231 filename (QQ webmail): encoded words, quoted where needed. */
function nameParam(filename: string): string {
  const encoded = encodedWords(filename);
  return encoded !== filename || /[\s'"\\;:/=(),<>@[\]?]|^-/.test(encoded) ? JSON.stringify(encoded) : encoded;
}

/** Random bytes in a boundary: 96 bits, as nodemailer's own boundaries carry. */
const BOUNDARY_RANDOM_BYTES = 12;
/**
 * Boundaries' random bytes drawn at a time: one call into the system's generator per 256
 * boundaries rather than one each (each call cost about as much as writing a small text part).
 */
const BOUNDARY_POOL_BYTES = BOUNDARY_RANDOM_BYTES * 256;
let boundaryPool = Buffer.alloc(0);
let boundaryPoolAt = 0;

/** The next boundary's random part, in hex; never handed out twice. */
function boundaryToken(): string {
  if (boundaryPoolAt + BOUNDARY_RANDOM_BYTES > boundaryPool.length) {
    boundaryPool = randomBytes(BOUNDARY_POOL_BYTES);
    boundaryPoolAt = 0;
  }
  const token = boundaryPool.toString('hex', boundaryPoolAt, boundaryPoolAt + BOUNDARY_RANDOM_BYTES);
  boundaryPoolAt += BOUNDARY_RANDOM_BYTES;
  return token;
}

/** A multipart of `parts`, with a boundary no encoded body can hold (random, and `=_` never appears in QP or base64 output). */
export function multipart(subtype: 'mixed' | 'alternative' | 'related', parts: readonly MimePart[]): MimePart {
  const boundary = `----=_mailcase_${boundaryToken()}`;
  const type = subtype === 'related' ? `multipart/related; type="text/html"` : `multipart/${subtype}`;
  const chunks: (string | Buffer)[] = [];
  for (const part of parts) chunks.push(`--${boundary}\r\n`, ...partChunks(part), '\r\n');
  chunks.push(`--${boundary}--\r\n`);
  return { headers: [headerLine('Content-Type', `${type}; boundary="${boundary}"`)], body: joinChunks(chunks) };
}

function partChunks(part: MimePart): (string | Buffer)[] {
  return [`${part.headers.join('\r\n')}\r\n\r\n`, part.body];
}

/** The whole message: `headers` first, then the root part's own headers (its Content-Type last) and body. */
export function messageBytes(headers: readonly string[], root: MimePart): Buffer {
  return toBuffer(
    joinChunks([`${[...headers, 'MIME-Version: 1.0', ...root.headers].join('\r\n')}\r\n\r\n`, root.body]),
  );
}

function joinChunks(chunks: readonly (string | Buffer)[]): string | Buffer {
  return chunks.every((c) => typeof c === 'string') ? chunks.join('') : Buffer.concat(chunks.map(toBuffer));
}

function toBuffer(chunk: string | Buffer): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}
