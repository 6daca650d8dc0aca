import { describe, expect, it } from 'vitest';
import { downloadContentType } from '../../functions/core/download-type.ts';

describe('the type a downloaded file is served with', () => {
  it.each([
    ['image/png', 'image/png'],
    ['image/jpeg', 'image/jpeg'],
    ['application/pdf', 'application/pdf'],
    ['text/plain', 'text/plain'],
    ['TEXT/PLAIN; charset=utf-8', 'text/plain'],
    ['audio/ogg', 'audio/ogg'],
  ])('keeps an inert stored type: %s is served as %s', (stored, served) => {
    expect(downloadContentType(stored)).toBe(served);
  });

  it.each([
    'text/html',
    'application/xhtml+xml',
    'image/svg+xml',
    'text/xml',
    'application/xml',
    'application/javascript',
    'text/javascript',
    'application/x-msdownload',
    'application/octet-stream',
    'multipart/related',
    'text/plain-but-not',
    '',
  ])('serves anything a browser could run or render as a page as opaque bytes: %s', (stored) => {
    expect(downloadContentType(stored)).toBe('application/octet-stream');
  });

  it('serves a file stored without a type as opaque bytes', () => {
    expect(downloadContentType(undefined)).toBe('application/octet-stream');
  });
});
