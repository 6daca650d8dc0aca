/**
 * Byte-level header surgery on raw messages, for the local SES stand-in: it must change one header
 * (Message-ID) and read a few others without touching a single byte of the body.
 */

export interface HeaderBlock {
  /** Unfolded header lines, in order, as `[name, value]`. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Offset where the body starts (just after the blank line). */
  readonly bodyOffset: number;
  readonly lineEnding: '\r\n' | '\n';
}

export function readHeaderBlock(raw: Buffer): HeaderBlock {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const useCrlf = crlf !== -1 && (lf === -1 || crlf < lf);
  const end = useCrlf ? crlf : lf;
  const headerText = raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  const bodyOffset = end === -1 ? raw.length : end + (useCrlf ? 4 : 2);
  const headers: Array<[string, string]> = [];
  for (const line of headerText.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last !== undefined) last[1] = `${last[1]} ${line.trim()}`.trim();
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return { headers, bodyOffset, lineEnding: useCrlf ? '\r\n' : '\n' };
}

export function headerValue(block: HeaderBlock, name: string): string | undefined {
  return block.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * Returns the message with the named headers removed (folded continuation lines included) and the
 * given ones prepended. Header values must already be valid, encoded single lines.
 */
export function rewriteHeaders(
  raw: Buffer,
  remove: readonly string[],
  prepend: ReadonlyArray<readonly [string, string]>,
): Buffer {
  const block = readHeaderBlock(raw);
  const eol = block.lineEnding;
  const drop = new Set(remove.map((n) => n.toLowerCase()));
  const kept: string[] = [];
  let dropping = false;
  const headerEnd = Math.max(0, block.bodyOffset - eol.length * 2);
  for (const line of raw.subarray(0, headerEnd).toString('latin1').split(eol)) {
    const continuation = /^[ \t]/.test(line);
    if (!continuation)
      dropping = drop.has(
        line
          .slice(0, Math.max(0, line.indexOf(':')))
          .trim()
          .toLowerCase(),
      );
    if (!dropping) kept.push(line);
  }
  for (const [name, value] of prepend) {
    if (/[\r\n]/.test(value)) throw new Error(`Header ${name} must be one line`);
  }
  const head = [...prepend.map(([n, v]) => `${n}: ${v}`), ...kept].join(eol);
  return Buffer.concat([Buffer.from(`${head}${eol}${eol}`, 'latin1'), raw.subarray(block.bodyOffset)]);
}
