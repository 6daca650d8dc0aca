import { Readable } from 'node:stream';
import { simpleParser, type ParsedMail, type SimpleParserOptions } from 'mailparser';

/**
 * Longest a parse may take. The inbound function has 60 s for everything; the largest message it
 * reads (40 MiB, one attachment) parsed in about 4 s on a development machine, and a 1 GB Lambda
 * has about 0.6 of a vCPU. 20 s is far past any parse that is going to finish, and leaves the
 * rest of the minute to store the raw-kept case and send its mail.
 */
export const PARSE_DEADLINE_MS = 20_000;
/**
 * Bytes handed to the parser per read. The input stays open until the parser has taken them all,
 * so an abandoned parse can still be stopped by failing its input (see parseWithDeadline).
 */
const PARSE_CHUNK_BYTES = 64 * 1024;

export class ParseDeadlineError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`The parser did not finish within ${deadlineMs} ms`);
    this.name = 'ParseDeadlineError';
  }
}

/**
 * mailparser's simpleParser, given up after `deadlineMs`: rejects with ParseDeadlineError then.
 * The abandoned parse is stopped, not left running: its input fails, and simpleParser destroys its
 * parser when that happens. (Once the parser has read all its input, only the last chunk it holds
 * can still be worked on.) The timer is cleared when the parse ends first.
 */
export async function parseWithDeadline(
  raw: Buffer,
  options: SimpleParserOptions,
  deadlineMs = PARSE_DEADLINE_MS,
): Promise<ParsedMail> {
  const input = Readable.from(chunksOf(raw), { objectMode: false });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ParseDeadlineError(deadlineMs);
      input.destroy(error);
      reject(error);
    }, deadlineMs);
  });
  try {
    return await Promise.race([simpleParser(input, options), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function* chunksOf(raw: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < raw.length; offset += PARSE_CHUNK_BYTES)
    yield raw.subarray(offset, offset + PARSE_CHUNK_BYTES);
}
