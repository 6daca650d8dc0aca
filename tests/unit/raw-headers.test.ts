import { describe, expect, it } from 'vitest';
import { headerValue, readHeaderBlock, rewriteHeaders } from '../../infra/local/raw-headers.ts';

const crlf = Buffer.from(
  'From: a@b.test\r\nMessage-ID:\r\n <old@b.test>\r\nSubject: folded\r\n  subject\r\nBcc: hidden@x.test\r\n\r\nbody line 1\r\n\r\nbody\xff\r\n',
  'latin1',
);

describe('header surgery on raw messages', () => {
  it('reads unfolded headers and finds the body', () => {
    const block = readHeaderBlock(crlf);
    expect(headerValue(block, 'subject')).toBe('folded subject');
    expect(headerValue(block, 'MESSAGE-ID')).toBe('<old@b.test>');
    expect(crlf.subarray(block.bodyOffset).toString('latin1')).toBe('body line 1\r\n\r\nbody\xff\r\n');
  });

  it('replaces a folded header and drops Bcc without touching one body byte', () => {
    const out = rewriteHeaders(crlf, ['message-id', 'bcc'], [['Message-ID', '<new@ses.test>']]);
    const text = out.toString('latin1');
    expect(
      text.startsWith('Message-ID: <new@ses.test>\r\nFrom: a@b.test\r\nSubject: folded\r\n  subject\r\n\r\n'),
    ).toBe(true);
    expect(text).not.toContain('old@b.test');
    expect(text).not.toContain('hidden@x.test');
    expect(
      out
        .subarray(out.length - crlf.length + readHeaderBlock(crlf).bodyOffset)
        .equals(crlf.subarray(readHeaderBlock(crlf).bodyOffset)),
    ).toBe(true);
  });

  it('keeps bare-LF messages bare-LF', () => {
    const lf = Buffer.from('Subject: x\nMessage-ID: <a@b>\n\nhello\n');
    expect(rewriteHeaders(lf, ['message-id'], [['X-Test', '1']]).toString()).toBe('X-Test: 1\nSubject: x\n\nhello\n');
  });

  it('refuses a header value with a line break', () => {
    expect(() => rewriteHeaders(crlf, [], [['X-Evil', 'a\r\nBcc: b']])).toThrow(/one line/);
  });
});
