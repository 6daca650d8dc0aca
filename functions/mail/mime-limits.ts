import { measureMimeShape } from './mime-shape.ts';

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

/** Whether a message is beyond the limits above, and which; undefined when it is within them all. */
export function findExcessComplexity(raw: Buffer): MimeComplexity | undefined {
  const shape = measureMimeShape(raw, MAX_MIME_DEPTH);
  // Depth first: past it the pass stopped, so the other numbers are only what it saw until then.
  if (shape.depth > MAX_MIME_DEPTH) return { limit: 'depth', max: MAX_MIME_DEPTH };
  if (shape.parts > MAX_MIME_PARTS) return { limit: 'parts', found: shape.parts, max: MAX_MIME_PARTS };
  if (shape.headerBytes > MAX_HEADER_BYTES) return { limit: 'header-bytes', max: MAX_HEADER_BYTES };
  return shape.allHeaderBytes > MAX_ALL_HEADER_BYTES
    ? { limit: 'all-header-bytes', max: MAX_ALL_HEADER_BYTES }
    : undefined;
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
