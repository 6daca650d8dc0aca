import type { ParsedMail, SimpleParserOptions } from 'mailparser';
import { parseWithDeadline } from './bounded-parse.ts';
import { readAsWhatwgCharsets } from './charset-labels.ts';
import { MAX_HEADER_BYTES } from './mime-limits.ts';

/**
 * A header block of at most MAX_HEADER_BYTES parses in about 40 ms here, however it is folded;
 * this only keeps a machine that is far slower from spending the time the note is there to save.
 * One second proved too short on a loaded 2-core machine (load 30: the block was dropped and the
 * case opened without its sender); five is still a quarter of the whole parse's deadline.
 */
const HEADER_PARSE_DEADLINE_MS = 5_000;

/**
 * The message's own header block (From, Subject, Message-ID, Date ...) parsed on its own, for a
 * message too complex to parse whole. At most MAX_HEADER_BYTES of it, cut where a field starts, so
 * an endless header block still yields the fields before the cut. `parsed` is undefined when even
 * that could not be read, in time or at all: the facts are a courtesy, and the case opens without
 * them. `head` is the bytes that were parsed.
 */
export async function readTopHeaders(
  raw: Buffer,
  options: SimpleParserOptions,
): Promise<{ head: Buffer; parsed?: ParsedMail }> {
  const head = topHeaderBlock(raw);
  // Ended by a blank line and followed by no body, whatever Content-Type it declares.
  const input = Buffer.concat([head, Buffer.from('\r\n\r\n')]);
  try {
    return { head, parsed: await parseWithDeadline(readAsWhatwgCharsets(input), options, HEADER_PARSE_DEADLINE_MS) };
  } catch {
    return { head };
  }
}

/** The bytes before the first blank line, without it; a block longer than the limit is cut before the field it ends in. */
function topHeaderBlock(raw: Buffer): Buffer {
  const window = raw.subarray(0, MAX_HEADER_BYTES + 4).toString('latin1');
  const blank = /\r?\n\r?\n/.exec(window);
  if (blank !== null && blank.index <= MAX_HEADER_BYTES) return raw.subarray(0, blank.index);
  // The last line break before the limit that a new field follows (not a folded continuation).
  let end = window.lastIndexOf('\n', MAX_HEADER_BYTES - 1);
  while (end > 0 && (window[end + 1] === ' ' || window[end + 1] === '\t')) end = window.lastIndexOf('\n', end - 1);
  if (end <= 0) return raw.subarray(0, 0);
  return raw.subarray(0, window[end - 1] === '\r' ? end - 1 : end);
}
