import type { HeaderValue } from 'mailparser';
import { UTF8_FIRST_DECODING } from './body-charset.ts';
import { parseWithDeadline } from './bounded-parse.ts';
import { readableRawMime } from './raw-mime-bytes.ts';
import { MAX_HTML_TO_TEXT_CHARS } from './long-html.ts';
import type { ReplyInput } from './reply-text.ts';

/** Blank lines some gateways put before the header block; a strict parser reads every header as body. */
const LEADING_BLANK_LINES = /^(?:[ \t]*\r?\n)+/u;

/** `format=flowed` inside a Content-Type field (folded lines included), so mailparser leaves the text as sent. */
const FLOWED_PARAM = /^(Content-Type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*?;\s*format\s*=\s*"?)flowed("?)/gimu;

/**
 * The text and HTML bodies of a raw message, read for reply extraction (`extractReplyText`). Reads
 * what mailparser reads, with three differences:
 * - blank lines before the header block are skipped;
 * - a multipart message whose body has no boundary at all is read as the plain text it is;
 * - format=flowed text (RFC 3676) is unwrapped by quote depth. mailparser unwraps without looking at
 *   the `>` marks, which glues the last quoted line to the reply under it ("> Hi Hello").
 * The stored raw message is never changed; this only decides what text the stripper reads.
 */
export async function readReplyBodies(raw: Buffer): Promise<ReplyInput> {
  const source = (await readableRawMime(raw)).toString('latin1').replace(LEADING_BLANK_LINES, '');
  let flowed: { delSp: boolean } | undefined;
  const unflowed = source.replace(FLOWED_PARAM, (_match, head: string, quote: string, offset: number) => {
    if (flowed === undefined) flowed = { delSp: /;\s*delsp\s*=\s*"?yes/iu.test(fieldAt(source, offset)) };
    return `${head}fixed${quote}`;
  });
  // Bounded like the first parse (which this message passed): a ParseDeadlineError past it.
  const parsed = await parseWithDeadline(Buffer.from(unflowed, 'latin1'), {
    ...UTF8_FIRST_DECODING,
    skipTextToHtml: true,
    skipTextLinks: true,
    keepCidLinks: true,
    maxHtmlLengthToParse: MAX_HTML_TO_TEXT_CHARS,
  });
  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : undefined;
  let text = parsed.text?.trim() ? parsed.text : undefined;
  if (text === undefined && html === undefined)
    text = bodyOfBoundlessMultipart(unflowed, parsed.headers.get('content-type'));
  if (text !== undefined && flowed !== undefined) text = decodeFlowed(text, flowed.delSp);
  return { ...(text === undefined ? {} : { text }), ...(html === undefined ? {} : { html }) };
}

/** The Content-Type field that starts at `offset`, unfolded. */
function fieldAt(source: string, offset: number): string {
  const rest = source.slice(offset);
  const end = rest.search(/\r?\n(?![ \t])/u);
  return end === -1 ? rest : rest.slice(0, end);
}

/** A message that declares multipart but never uses its boundary is one text body. */
function bodyOfBoundlessMultipart(source: string, contentType: HeaderValue | undefined): string | undefined {
  if (contentType === undefined || typeof contentType !== 'object' || !('params' in contentType)) return undefined;
  const boundary = contentType.params.boundary;
  if (!contentType.value.toLowerCase().startsWith('multipart/') || boundary === undefined) return undefined;
  const headerEnd = source.search(/\r?\n\r?\n/u);
  if (headerEnd === -1) return undefined;
  const body = source.slice(headerEnd).replace(/^\r?\n\r?\n/u, '');
  if (body.includes(`--${boundary}`) || body.trim() === '') return undefined;
  return Buffer.from(body, 'latin1').toString('utf8');
}

/**
 * RFC 3676 unwrapping: a line ending in a space continues on the next line only when both have the
 * same quote depth; `-- ` (the signature separator) never continues; one stuffed space is removed.
 */
export function decodeFlowed(text: string, delSp: boolean): string {
  const out: string[] = [];
  let open: { depth: number; text: string } | undefined;
  for (const line of text.replace(/\r\n/gu, '\n').split('\n')) {
    const depth = /^>*/u.exec(line)?.[0].length ?? 0;
    let content = line.slice(depth);
    if (content.startsWith(' ')) content = content.slice(1);
    const flows = content.endsWith(' ') && content !== '-- ';
    if (open !== undefined && open.depth === depth) {
      open.text += content;
    } else {
      if (open !== undefined) out.push(quoted(open.depth, open.text.trimEnd()));
      open = { depth, text: content };
    }
    if (flows) {
      if (delSp) open.text = open.text.slice(0, -1);
      continue;
    }
    out.push(quoted(open.depth, open.text));
    open = undefined;
  }
  if (open !== undefined) out.push(quoted(open.depth, open.text.trimEnd()));
  return out.join('\n');
}

function quoted(depth: number, text: string): string {
  return depth === 0 ? text : `${'>'.repeat(depth)} ${text}`;
}
