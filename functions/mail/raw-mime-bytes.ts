import { decodeStrictly, guessCharsets } from './charset-reading.ts';
import { eightBitValues, readableHeaderBlock, type CharsetContext } from './header-bytes.ts';
import { findMimeBlocks, type MimeBlock } from './mime-blocks.ts';

/** Charset labels that declare nothing about 8-bit bytes (UTF-8 is tried first anyway). */
const NOT_A_LEGACY_CHARSET = /^(us-?ascii|ascii|utf-?8|7bit|8bit)$/i;
const CHARSET_PARAMETER = /charset\s*=\s*"?([^"\s;]+)/gi;
const ENCODED_WORD_CHARSET = /=\?([^?*\s]+)(?:\*[^?\s]*)?\?[BbQq]\?/g;
/** `=XX` for each 8-bit byte, built once: bodies can hold millions of them. */
const QP_ESCAPES = new Map(
  Array.from({ length: 128 }, (_v, i) => [String.fromCharCode(0x80 + i), `=${(0x80 + i).toString(16).toUpperCase()}`]),
);
const QUOTED_PRINTABLE = /^content-transfer-encoding[ \t]*:[ \t]*"?quoted-printable/im;

/**
 * The raw message with the 8-bit bytes that the parser would misread put in a form it reads right:
 * raw 8-bit header values become UTF-8 or encoded words (`readableHeaderBlock`), and raw 8-bit bytes
 * in a part declared quoted-printable (UTF-8 pasted into it, which the decoder cuts to 7 bits: Cyrillic
 * came out as control characters) become `=XX`. Mail with no 8-bit byte comes back as it was; the
 * stored raw message is never changed.
 */
export async function readableRawMime(raw: Buffer): Promise<Buffer> {
  const text = raw.toString('latin1');
  if (!/[\x80-\xff]/.test(text)) return raw;
  const blocks = findMimeBlocks(text);
  const headers = blocks.map((b) => text.slice(b.headerStart, b.headerEnd));
  const values = headers.flatMap(eightBitValues);
  // The detector is loaded only for values that neither UTF-8 nor a declared charset reads.
  const declared = declaredCharsets(headers, 0);
  const unread = values.filter((v) => ['utf-8', ...declared].every((label) => decodeStrictly(v, label) === undefined));
  const guessed =
    unread.length === 0 ? [] : await guessCharsets(Buffer.concat(unread.flatMap((v) => [v, Buffer.from(' ')])));
  const pieces: string[] = [];
  let at = 0;
  blocks.forEach((block, index) => {
    const header = headers[index] ?? '';
    const context: CharsetContext = { declared: declaredCharsets(headers, index), guessed };
    pieces.push(
      text.slice(at, block.headerStart),
      readableHeaderBlock(header, context),
      text.slice(block.headerEnd, block.bodyStart),
      readableBody(text, block, header),
    );
    at = block.bodyEnd;
  });
  pieces.push(text.slice(at));
  const rewritten = pieces.join('');
  return rewritten === text ? raw : Buffer.from(rewritten, 'latin1');
}

/** Charsets the message declares, the block's own first, then the message's, then the rest in order. */
function declaredCharsets(headers: readonly string[], index: number): string[] {
  const own = headers[index] ?? '';
  const ordered = [own, headers[0] ?? '', ...headers.filter((_h, i) => i !== index && i !== 0)];
  const labels = ordered.flatMap((h) =>
    [...h.matchAll(CHARSET_PARAMETER), ...h.matchAll(ENCODED_WORD_CHARSET)].map((m) => (m[1] ?? '').toLowerCase()),
  );
  return [...new Set(labels)].filter((label) => label !== '' && !NOT_A_LEGACY_CHARSET.test(label));
}

/** A quoted-printable body with raw 8-bit bytes gets them escaped; any other body is left alone. */
function readableBody(text: string, block: MimeBlock, header: string): string {
  const body = text.slice(block.bodyStart, block.bodyEnd);
  if (!QUOTED_PRINTABLE.test(header) || !/[\x80-\xff]/.test(body)) return body;
  return body.replace(/[\x80-\xff]/g, (char) => QP_ESCAPES.get(char) ?? char);
}
