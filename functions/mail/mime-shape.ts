/** How a message's MIME structure is measured without parsing it (see mime-limits.ts for why). */

/** A message's MIME structure in four numbers. */
export interface MimeShape {
  /** Body parts, counted by their delimiter lines. */
  readonly parts: number;
  /** Deepest nesting of multiparts and embedded messages (a single-part message is 0). */
  readonly depth: number;
  /** The largest header block, the message's own or a part's. */
  readonly headerBytes: number;
  /** All header blocks together. */
  readonly allHeaderBytes: number;
}

interface OpenMultipart {
  readonly boundary: string;
  readonly depth: number;
}

/** A header block being read: how deep it is, its size so far, and the two fields that shape the body. */
interface HeaderBlock {
  readonly depth: number;
  bytes: number;
  contentType: string;
  transferEncoding: string;
  /** The field the last line belonged to, for folded continuation lines. */
  field: 'content-type' | 'content-transfer-encoding' | undefined;
}

const headerBlockAt = (depth: number): HeaderBlock => ({
  depth,
  bytes: 0,
  contentType: '',
  transferEncoding: '',
  field: undefined,
});

/**
 * Measures a raw message without parsing it: one pass over its lines, following the boundaries its
 * Content-Type headers declare, as mailparser's splitter would. It stops once nesting passes
 * `stopPastDepth`, because each delimiter line is compared with every open boundary; below that the
 * pass is linear in the size of the message (40 MiB in about 0.2 s here).
 */
export function measureMimeShape(raw: Buffer, stopPastDepth: number): MimeShape {
  // latin1 keeps one character per byte, so lengths are byte counts and nothing fails to decode.
  const text = raw.toString('latin1');
  const open: OpenMultipart[] = [];
  let parts = 0;
  let depth = 0;
  let headerBytes = 0;
  let allHeaderBytes = 0;
  let header: HeaderBlock | undefined = headerBlockAt(0);
  for (let start = 0; start < text.length; ) {
    // Between header blocks only a delimiter line matters: skip a body to the next line that starts
    // with `--` in one native search, not line by line (most of a mail's bytes are bodies).
    if (header === undefined && !text.startsWith('--', start)) {
      const next = open.length === 0 ? -1 : text.indexOf('\n--', start);
      if (next === -1) break;
      start = next + 1;
      continue;
    }
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(start, end);
    start = end;

    // A delimiter counts wherever it stands, in a header block too (the splitter reads it so).
    const delimiter = open.length > 0 && line.startsWith('--') ? matchDelimiter(open, line) : undefined;
    if (delimiter !== undefined) {
      open.length = delimiter.closes ? delimiter.index : delimiter.index + 1;
      if (delimiter.closes) header = undefined;
      else {
        parts++;
        header = headerBlockAt(delimiter.depth);
      }
      continue;
    }
    if (header === undefined) continue;

    header.bytes += line.length;
    allHeaderBytes += line.length;
    headerBytes = Math.max(headerBytes, header.bytes);
    const content = line.replace(/\r?\n$/, '');
    if (content !== '') {
      readHeaderLine(header, content);
      continue;
    }
    // The blank line ends the header block: what it declared decides how the body is read.
    const block = header;
    header = undefined;
    const type = /^\s*([^;\s]+)/.exec(block.contentType)?.[1]?.toLowerCase() ?? '';
    const boundary = type.startsWith('multipart/') ? boundaryOf(block.contentType) : undefined;
    // An embedded message sent in base64 or quoted-printable is opaque bytes here, as to the splitter.
    const embedded =
      (type === 'message/rfc822' || type === 'message/global') &&
      !/^\s*(base64|quoted-printable)/i.test(block.transferEncoding);
    if (boundary === undefined && !embedded) continue;
    depth = Math.max(depth, block.depth + 1);
    if (depth > stopPastDepth) break;
    if (boundary !== undefined) open.push({ boundary, depth: block.depth + 1 });
    else header = headerBlockAt(block.depth + 1);
  }
  return { parts, depth, headerBytes, allHeaderBytes };
}

/** Keeps the unfolded values of the two fields that shape the body. */
function readHeaderLine(header: HeaderBlock, line: string): void {
  if (line.startsWith(' ') || line.startsWith('\t')) {
    if (header.field === 'content-type') header.contentType += line;
    else if (header.field === 'content-transfer-encoding') header.transferEncoding += line;
    return;
  }
  const colon = line.indexOf(':');
  const name = colon === -1 ? '' : line.slice(0, colon).trim().toLowerCase();
  header.field = name === 'content-type' || name === 'content-transfer-encoding' ? name : undefined;
  if (name === 'content-type') header.contentType = line.slice(colon + 1);
  else if (name === 'content-transfer-encoding') header.transferEncoding = line.slice(colon + 1);
}

/** The open multipart a delimiter line belongs to, innermost first; a close delimiter ends it. */
function matchDelimiter(
  open: readonly OpenMultipart[],
  line: string,
): { index: number; closes: boolean; depth: number } | undefined {
  // RFC 2046 allows white space after a delimiter.
  const value = line.slice(2).replace(/[ \t]*\r?\n$/, '');
  for (let index = open.length - 1; index >= 0; index--) {
    const multipart = open[index];
    if (multipart === undefined) continue;
    if (value === multipart.boundary) return { index, closes: false, depth: multipart.depth };
    if (value === `${multipart.boundary}--`) return { index, closes: true, depth: multipart.depth };
  }
  return undefined;
}

/** The boundary parameter of an unfolded Content-Type value, quoted or not. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary === undefined || boundary === '' ? undefined : boundary;
}
