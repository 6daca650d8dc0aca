import { describe, expect, it } from 'vitest';
import type { StoredFile } from '../../functions/adapters/raw-mail-store.ts';
import { signFileLink } from '../../functions/core/file-link.ts';
import { MAX_SERVED_FILE_BYTES, serveFileDownload } from '../../functions/survey/file-download.ts';

const secret = 'test-secret-of-enough-length-0123456789';
const now = new Date('2026-12-01T10:00:00Z');
const KEY = 'content/r1/attachments/1-page.html';
const later = new Date(now.getTime() + 86_400_000);

/** The bucket as the function sees it: one stored object, read as a ranged GET reads it. */
function bucketWith(key: string, bytes: Buffer, contentType: string) {
  return {
    async readFile(wanted: string, maxBytes: number): Promise<StoredFile | undefined> {
      if (wanted !== key) return undefined;
      const part = bytes.subarray(0, maxBytes);
      return { bytes: part, totalSize: bytes.length, truncated: part.length < bytes.length, contentType };
    },
  };
}

describe('serving a signed download link', () => {
  it('serves an HTML file as opaque bytes to save, under its own name, encoded for every client', async () => {
    // Prepare
    const page = Buffer.from('<script>alert(document.cookie)</script>');
    const query = signFileLink(secret, { key: KEY, filename: 'Übersicht "Q4".html' }, later);

    // Act
    const { outcome, response } = await serveFileDownload(query, {
      files: bucketWith(KEY, page, 'text/html'),
      secret,
      now: () => now,
    });

    // Assess
    expect(outcome).toBe('downloaded');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="_bersicht _Q4_.html"; filename*=UTF-8''%C3%9Cbersicht%20%22Q4%22.html`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    expect(Buffer.from(response.body, 'base64').equals(page)).toBe(true);
  });

  it('hands a file past what a function URL returns to a signed S3 GET that answers with the same safe headers', async () => {
    // Prepare
    const query = signFileLink(secret, { key: KEY, filename: 'big.bin' }, later);
    const big = Buffer.alloc(MAX_SERVED_FILE_BYTES + 1);
    const asked: unknown[] = [];
    const files = {
      ...bucketWith(KEY, big, 'text/html'),
      presignDownload: async (...args: unknown[]) => {
        asked.push(args);
        return 'https://bucket.s3.example/signed';
      },
    };

    // Act
    const { outcome, response } = await serveFileDownload(query, { files, secret, now: () => now });

    // Assess
    expect([outcome, response.statusCode, response.headers.Location]).toEqual([
      'redirected',
      303,
      'https://bucket.s3.example/signed',
    ]);
    expect(asked).toEqual([
      [KEY, { contentType: 'application/octet-stream', contentDisposition: 'attachment; filename=big.bin' }, 60],
    ]);
  });

  it('answers a file gone with the retention with a 404 page, and a big one with no way to hand it over with a 413 page', async () => {
    // Prepare
    const query = signFileLink(secret, { key: KEY, filename: 'big.bin' }, later);
    const big = Buffer.alloc(MAX_SERVED_FILE_BYTES + 1);
    const exactly = Buffer.alloc(MAX_SERVED_FILE_BYTES);

    // Act
    const gone = await serveFileDownload(query, { files: bucketWith('other', big, 'x/y'), secret, now: () => now });
    const tooLarge = await serveFileDownload(query, { files: bucketWith(KEY, big, 'x/y'), secret, now: () => now });
    const fits = await serveFileDownload(query, { files: bucketWith(KEY, exactly, 'x/y'), secret, now: () => now });

    // Assess
    expect([gone.outcome, gone.response.statusCode]).toEqual(['gone', 404]);
    expect([tooLarge.outcome, tooLarge.response.statusCode]).toEqual(['too-large', 413]);
    expect([fits.outcome, Buffer.from(fits.response.body, 'base64').length]).toEqual([
      'downloaded',
      MAX_SERVED_FILE_BYTES,
    ]);
  });

  it('refuses a changed link with 403 and an expired one with 410, without reading the bucket', async () => {
    // Prepare
    const query = signFileLink(secret, { key: KEY, filename: 'page.html' }, later);
    const unreadable = {
      readFile: () => Promise.reject(new Error('the bucket must not be read for a refused link')),
    };

    // Act
    const tampered = await serveFileDownload(
      { ...query, n: 'page.exe' },
      { files: unreadable, secret, now: () => now },
    );
    const expired = await serveFileDownload(query, { files: unreadable, secret, now: () => later });

    // Assess
    expect([tampered.outcome, tampered.response.statusCode]).toEqual(['tampered', 403]);
    expect([expired.outcome, expired.response.statusCode]).toEqual(['expired', 410]);
    expect(expired.response.headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});
