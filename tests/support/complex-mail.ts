import { randomBytes } from 'node:crypto';

/**
 * Messages whose MIME structure goes past what we parse, built here rather than kept as files
 * (the biggest is megabytes). Each is a plain first mail to support@ from `from`.
 */

export interface ComplexMailOptions {
  readonly from: string;
  readonly subject?: string;
  readonly messageId?: string;
}

function headerBlock(options: ComplexMailOptions, contentType: string): string {
  return [
    `From: Ann Example <${options.from}>`,
    'To: support@example.test',
    `Subject: ${options.subject ?? 'Our invoices'}`,
    'Date: Tue, 10 Nov 2026 09:30:00 +0000',
    `Message-ID: ${options.messageId ?? `<${randomBytes(8).toString('hex')}@customer.test>`}`,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
  ].join('\r\n');
}

/**
 * A multipart/mixed of `parts` forwarded messages (message/rfc822), each two nodes to mailparser's
 * splitter: the shape that made simpleParser never finish past 1,000 nodes.
 */
export function mailWithParts(parts: number, options: ComplexMailOptions): Buffer {
  const chunks = [`${headerBlock(options, 'multipart/mixed; boundary="part"')}\r\n\r\n`];
  for (let i = 1; i <= parts; i++)
    chunks.push(
      `--part\r\nContent-Type: message/rfc822\r\n\r\nFrom: billing@shop.test\r\nSubject: Invoice ${i}\r\n\r\nInvoice ${i} is attached.\r\n`,
    );
  chunks.push('--part--\r\n');
  return Buffer.from(chunks.join(''));
}

/** Multiparts nested `depth` levels deep, with one line of text at the bottom. */
export function mailNested(depth: number, options: ComplexMailOptions): Buffer {
  const opening: string[] = [];
  const closing: string[] = [];
  for (let level = 1; level <= depth; level++) {
    opening.push(`--level${level - 1}\r\nContent-Type: multipart/mixed; boundary="level${level}"\r\n\r\n`);
    closing.unshift(`--level${level}--\r\n`);
  }
  const bottom = `--level${depth}\r\nContent-Type: text/plain\r\n\r\nDeep down.\r\n`;
  return Buffer.from(
    `${headerBlock(options, 'multipart/mixed; boundary="level0"')}\r\n\r\n${opening.join('')}${bottom}${closing.join('')}--level0--\r\n`,
  );
}

/** A two-part message whose second part has a header block of `bytes` bytes (one long folded field). */
export function mailWithPartHeader(bytes: number, options: ComplexMailOptions): Buffer {
  const fold = ` ${'x'.repeat(70)}\r\n`;
  const field = `X-Padding: start\r\n${fold.repeat(Math.ceil(bytes / fold.length))}`;
  return Buffer.from(
    `${headerBlock(options, 'multipart/mixed; boundary="part"')}\r\n\r\n--part\r\nContent-Type: text/plain\r\n\r\nHello.\r\n--part\r\nContent-Type: text/plain\r\n${field}\r\nPadded.\r\n--part--\r\n`,
  );
}
