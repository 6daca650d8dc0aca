import { describe, expect, it } from 'vitest';
import { fileLinkFactory, signFileLink, verifyFileLink } from '../../functions/core/file-link.ts';

const secret = 'test-secret-of-enough-length-0123456789';
const now = new Date('2026-12-01T10:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const FILE = { key: 'content/abc123/attachments/2-Rechnung_M_rz.pdf', filename: 'Rechnung März.pdf' };

/** The query a link carries, read back from its URL as the function receives it. */
const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('signed download links', () => {
  const { url, expiresAt } = fileLinkFactory(secret, 'http://127.0.0.1:2580/survey', 7, now).linkFor(FILE);

  it('sit beside the survey page and name the stored file and the name to save it under, for a week', () => {
    // Act
    const check = verifyFileLink(secret, queryOf(url), days(6.9));

    // Assess
    expect(url.startsWith('http://127.0.0.1:2580/files?')).toBe(true);
    expect(expiresAt).toEqual(days(7));
    expect(check).toEqual({ valid: true, key: FILE.key, filename: 'Rechnung März.pdf', expiresAt: days(7) });
  });

  it('sit at the root of a function URL', () => {
    // Act
    const link = fileLinkFactory(secret, 'https://abc.lambda-url.eu-west-1.on.aws/', 7, now).linkFor(FILE);

    // Assess
    expect(new URL(link.url).pathname).toBe('/files');
  });

  it('expire at the end of their days: the same link is refused as expired', () => {
    // Act
    const check = verifyFileLink(secret, queryOf(url), days(7));

    // Assess
    expect(check).toEqual({ valid: false, reason: 'expired' });
  });

  it.each([
    ['another file', { k: 'content/abc123/attachments/1-other.pdf' }],
    ['another name to save it under', { n: 'invoice.html' }],
    ['a later expiry', { e: Math.floor(days(70).getTime() / 1000).toString(36) }],
    ['another signature', { s: 'A'.repeat(22) }],
  ])('refuse %s as a bad signature, even past the expiry (a changed date is tampering, not age)', (_, change) => {
    // Act
    const soon = verifyFileLink(secret, { ...queryOf(url), ...change }, days(1));
    const late = verifyFileLink(secret, { ...queryOf(url), ...change }, days(80));

    // Assess
    expect(soon).toEqual({ valid: false, reason: 'bad-signature' });
    expect(late).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('refuse a link signed with another key', () => {
    // Act
    const check = verifyFileLink('another-secret-of-enough-length-012345', queryOf(url), days(1));

    // Assess
    expect(check).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it.each([
    ['a raw message', 'content/../inbound/abc123'],
    ['a decoded body', 'content/abc123/body.html'],
    ['the inbound prefix', 'inbound/abc123'],
  ])('never name anything but a decoded attachment, signed or not: %s', (_, key) => {
    // Prepare
    const signed = signFileLink(secret, { key, filename: 'x' }, days(7));

    // Act
    const check = verifyFileLink(secret, signed, days(1));

    // Assess
    expect(check).toEqual({ valid: false, reason: 'malformed' });
  });

  it('refuse a link with a part missing', () => {
    // Prepare
    const { s: _s, ...unsigned } = queryOf(url);

    // Act
    const check = verifyFileLink(secret, unsigned, days(1));

    // Assess
    expect(check).toEqual({ valid: false, reason: 'malformed' });
  });
});
