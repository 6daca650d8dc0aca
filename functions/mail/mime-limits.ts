/**
 * What a message's MIME structure may be before we hand it to the parser. mailparser's splitter
 * (mailsplit) stops at 1,000 MIME nodes and at 1 MiB of one part's headers, and past either it
 * drops the rest of the message without a word or never finishes at all (an attachment stream that
 * never ends). So a message is measured here first, in one pass over its bytes, and one that is
 * beyond these limits is never parsed: its case opens with the raw message kept and a note.
 */

/**
 * Most MIME parts read. Half of mailsplit's 1,000 nodes, because an embedded message/rfc822 is two
 * nodes (the part and the message in it) and this count, like any cheap one, can miss a few the
 * splitter sees. Of the 935 real messages in ../shared/corpora the most has 37 (the MIME torture
 * test); ordinary mail has a few.
 */
export const MAX_MIME_PARTS = 500;
/**
 * Deepest nesting of multiparts and embedded messages. The deepest real message in the corpora
 * nests 6 (a sendmail bounce); mailparser walks the tree recursively and, 1,200 levels down,
 * returned no text at all here. postal-mime stops at 256 (MAX_NESTING_DEPTH); nothing a
 * person writes comes near 50.
 */
export const MAX_MIME_DEPTH = 50;
/**
 * Largest header block of the message or of any part. The largest real one in the corpora is 15 KB
 * (an Office 365 bounce with every Received, DKIM and ARC header). mailparser's time on a long
 * folded field grows faster than its size: 40 ms for 64 KB here, 0.2 s for 128 KB, 2.5 s for
 * 256 KB (and mailsplit itself gives up at 1 MiB, MAX_HEAD_SIZE).
 */
export const MAX_HEADER_BYTES = 64 * 1024;
/**
 * Header bytes of all blocks together, so that many parts of just-allowed headers cannot add up to
 * what one huge block costs (postal-mime bounds the same, MAX_HEADERS_SIZE). The most in the
 * corpora is 27 KB.
 */
export const MAX_ALL_HEADER_BYTES = 1024 * 1024;

/** Which limit a message went past; the number of parts is said, the other limits only by what they are. */
export type MimeComplexity =
  /** `atLeast`: only the start of the message was read, so it has `found` parts or more. */
  | { readonly limit: 'parts'; readonly found: number; readonly max: number; readonly atLeast?: boolean }
  | { readonly limit: 'depth' | 'header-bytes' | 'all-header-bytes'; readonly max: number }
  /** The parser did not finish within its deadline (`max`, in milliseconds). */
  | { readonly limit: 'parse-time'; readonly max: number };

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

const headerBlockAt = (depth: number): HeaderBlock => ({ depth, bytes: 0, contentType: '', transferEncoding: '', field: undefined });

/** Whether a message is beyond the limits above, and which; undefined when it is within them all. */
export function findExcessComplexity(raw: Buffer): MimeComplexity | undefined {
  const shape = measureMimeShape(raw);
  // Depth first: past it the pass stopped, so the other numbers are only what it saw until then.
  if (shape.depth > MAX_MIME_DEPTH) return { limit: 'depth', max: MAX_MIME_DEPTH };
  if (shape.parts > MAX_MIME_PARTS) return { limit: 'parts', found: shape.parts, max: MAX_MIME_PARTS };
  if (shape.headerBytes > MAX_HEADER_BYTES) return { limit: 'header-bytes', max: MAX_HEADER_BYTES };
  return shape.allHeaderBytes > MAX_ALL_HEADER_BYTES ? { limit: 'all-header-bytes', max: MAX_ALL_HEADER_BYTES } : undefined;
}

/** A message's MIME structure in three numbers. */
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

/**
 * Measures a raw message without parsing it: one pass over its lines, following the boundaries its
 * Content-Type headers declare, as the splitter would. It stops once nesting passes MAX_MIME_DEPTH,
 * because each delimiter line is compared with every open boundary; below that the pass is linear
 * in the size of the message (40 MiB in about 0.2 s here).
 */
export function measureMimeShape(raw: Buffer): MimeShape {
  // latin1 keeps one character per byte, so lengths are byte counts and nothing fails to decode.
  const text = raw.toString('latin1');
  const open: OpenMultipart[] = [];
  let parts = 0;
  let depth = 0;
  let headerBytes = 0;
  let allHeaderBytes = 0;
  let header: HeaderBlock | undefined = headerBlockAt(0);
  for (let start = 0; start < text.length; ) {
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
        header = headerBlockAt((open[delimiter.index] as OpenMultipart).depth);
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
    const embedded = (type === 'message/rfc822' || type === 'message/global') && !/^\s*(base64|quoted-printable)/i.test(block.transferEncoding);
    if (boundary === undefined && !embedded) continue;
    depth = Math.max(depth, block.depth + 1);
    if (depth > MAX_MIME_DEPTH) break;
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
function matchDelimiter(open: readonly OpenMultipart[], line: string): { index: number; closes: boolean } | undefined {
  // RFC 2046 allows white space after a delimiter.
  const value = line.slice(2).replace(/[ \t]*\r?\n$/, '');
  for (let index = open.length - 1; index >= 0; index--) {
    const { boundary } = open[index] as OpenMultipart;
    if (value === boundary) return { index, closes: false };
    if (value === `${boundary}--`) return { index, closes: true };
  }
  return undefined;
}

/** The boundary parameter of an unfolded Content-Type value, quoted or not. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary === undefined || boundary === '' ? undefined : boundary;
}

/** What went past its limit, in a few words: "50,001 MIME parts; the limit is 500". */
export function describeComplexity(complexity: MimeComplexity): string {
  const count = (n: number) => n.toLocaleString('en-US');
  switch (complexity.limit) {
    case 'parts':
      return `${complexity.atLeast === true ? 'at least ' : ''}${count(complexity.found)} MIME parts; the limit is ${count(complexity.max)}`;
    case 'depth':
      return `MIME parts nested more than ${count(complexity.max)} levels deep`;
    case 'header-bytes':
      return `a header block over ${count(complexity.max / 1024)} KB`;
    case 'all-header-bytes':
      return `over ${count(complexity.max / 1024)} KB of headers in all its parts`;
    case 'parse-time':
      return `reading it took over ${count(complexity.max / 1000)} seconds`;
  }
}

/** What the case shows in place of the text of a message too complex to read: plain words for the agent. */
export function tooComplexNote(complexity: MimeComplexity): string {
  return [
    `This message is too complex to read here (${describeComplexity(complexity)}), so none of its text or attachments were taken in.`,
    'The raw message is kept as it came: "support cases show" with this case number prints its key.',
  ].join(' ');
}
