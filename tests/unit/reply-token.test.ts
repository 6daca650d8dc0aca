import { describe, expect, it } from 'vitest';
import {
  createReplyToken,
  replyAddress,
  tokenInRecipient,
  verifyReplyToken,
} from '../../functions/core/reply-token.ts';

const secret = 'test-secret-of-enough-length-0123456789';
const now = new Date('2026-11-22T08:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('signed reply tokens', () => {
  const token = createReplyToken(secret, { caseNumber: 1001, kind: 'customer', recipient: 'Ana@Customer.test', now });

  it('fits a mail local part and survives case folding', () => {
    expect(replyAddress('support@example.test', token).split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(token).toBe(token.toLowerCase());
    expect(verifyReplyToken(secret, token.toUpperCase(), 'ana@customer.test', now)).toEqual({
      valid: true,
      caseNumber: 1001,
      kind: 'customer',
    });
  });

  it('works only for the person it was sent to', () => {
    expect(verifyReplyToken(secret, token, 'mallory@evil.test', now)).toMatchObject({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('cannot be moved to another case by editing its number', () => {
    expect(verifyReplyToken(secret, token.replace(/^1001/, '1002'), 'ana@customer.test', now)).toMatchObject({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('is worthless without the secret', () => {
    const forged = createReplyToken('another-secret', {
      caseNumber: 1001,
      kind: 'customer',
      recipient: 'ana@customer.test',
      now,
    });
    expect(verifyReplyToken(secret, forged, 'ana@customer.test', now)).toMatchObject({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('expires', () => {
    expect(verifyReplyToken(secret, token, 'ana@customer.test', days(366))).toMatchObject({
      valid: false,
      reason: 'expired',
    });
    const agent = createReplyToken(secret, { caseNumber: 1001, kind: 'agent', now });
    expect(verifyReplyToken(secret, agent, 'anyone@team.test', days(30))).toMatchObject({ valid: true, kind: 'agent' });
    expect(verifyReplyToken(secret, agent, 'anyone@team.test', days(91))).toMatchObject({
      valid: false,
      reason: 'expired',
    });
  });

  it('rejects garbage without throwing', () => {
    for (const junk of ['', '1001', '1001-c1-short', `${token}x`, '../../etc']) {
      expect(verifyReplyToken(secret, junk, 'ana@customer.test', now).valid).toBe(false);
    }
  });

  it('is found only in our own plus-addresses', () => {
    const address = replyAddress('support@example.test', token);
    expect(tokenInRecipient(address, 'support@example.test')).toBe(token);
    expect(tokenInRecipient(address.toUpperCase(), 'support@example.test')).toBe(token);
    expect(tokenInRecipient(`support+${token}@other.test`, 'support@example.test')).toBeUndefined();
    expect(tokenInRecipient('support@example.test', 'support@example.test')).toBeUndefined();
  });
});
