/**
 * Where the header blocks of a raw message are: the message's own and each MIME part's, found the
 * way a MIME splitter finds them (a part starts after a `--boundary` line of a boundary some
 * Content-Type declared, its headers end at the first empty line). Offsets index the message read
 * as latin1, one character per byte, so a block can be rewritten byte for byte.
 */
export interface MimeBlock {
  /** First character of the header block. */
  readonly headerStart: number;
  /** Where the empty line that ends the header block starts (or the end of the text). */
  readonly headerEnd: number;
  /** First character of the body, after the empty line. */
  readonly bodyStart: number;
  /** Where the next boundary line starts (or the end of the text). */
  readonly bodyEnd: number;
}

/**
 * Most blocks read. mailparser itself stops resolving at about 1,000 parts (FIELD-NOTES), and
 * whatever lies beyond is left as it came.
 */
const MAX_MIME_BLOCKS = 1000;
/** Longest boundary RFC 2046 allows. */
const MAX_BOUNDARY_LENGTH = 70;
const BOUNDARY_PARAMETER = /boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;

/** The header blocks of a message read as latin1, in order, the message's own first. */
export function findMimeBlocks(text: string): MimeBlock[] {
  const boundaries = [
    ...new Set([...text.matchAll(BOUNDARY_PARAMETER)].map((m) => (m[1] ?? m[2] ?? '').trim())),
  ].filter((b) => b !== '' && b.length <= MAX_BOUNDARY_LENGTH);
  const delimiters =
    boundaries.length === 0
      ? []
      : [...text.matchAll(new RegExp(`^--(?:${boundaries.map(escapeRegExp).join('|')})(--)?[ \\t]*\\r?$`, 'gm'))].slice(
          0,
          MAX_MIME_BLOCKS,
        );
  const starts = [
    0,
    ...delimiters.filter((d) => d[1] === undefined).map((d) => lineAfter(text, d.index + d[0].length)),
  ];
  return starts.map((start) => {
    const limit = delimiters.find((d) => d.index >= start)?.index ?? text.length;
    const { headerEnd, bodyStart } = headerEndAt(text, start, limit);
    return {
      headerStart: start,
      headerEnd,
      bodyStart,
      bodyEnd: delimiters.find((d) => d.index >= bodyStart)?.index ?? text.length,
    };
  });
}

/** The empty line that ends the header block starting at `start`; a block cut off by `limit` ends there. */
function headerEndAt(text: string, start: number, limit: number): { headerEnd: number; bodyStart: number } {
  let lineStart = start;
  while (lineStart < limit) {
    const lineEnd = lineAfter(text, lineStart);
    if (lineEnd - lineStart <= 2 && text.slice(lineStart, lineEnd).trim() === '')
      return { headerEnd: lineStart, bodyStart: Math.min(lineEnd, limit) };
    lineStart = lineEnd;
  }
  return { headerEnd: limit, bodyStart: limit };
}

function lineAfter(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  return newline === -1 ? text.length : newline + 1;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
