import { describe, expect, it } from 'vitest';
import { addressHash, caseExpiresAt, namesAddress, objectKeysOf } from '../../functions/core/customer-data.ts';

describe("finding a customer's records", () => {
  it('finds the address anywhere in a record, in any case', () => {
    // Assess
    expect(namesAddress({ requester: { address: 'ana@customer.test' } }, 'Ana@Customer.TEST')).toBe(true);
    expect(namesAddress({ outbox: { ack: { to: [{ address: 'ANA@customer.test' }] } } }, 'ana@customer.test')).toBe(
      true,
    );
    expect(namesAddress({ pk: 'FLOOD#sender#ana@customer.test', sk: 'HOUR#1' }, 'ana@customer.test')).toBe(true);
    expect(namesAddress({ snippet: 'write to ana@customer.test.' }, 'ana@customer.test')).toBe(true);
  });

  it('does not take a longer address for hers', () => {
    // Assess
    expect(namesAddress({ from: 'diana@customer.test' }, 'ana@customer.test')).toBe(false);
    expect(namesAddress({ from: 'ana@customer.test.example' }, 'ana@customer.test')).toBe(false);
    expect(namesAddress({ from: 'ana@customer.testing' }, 'ana@customer.test')).toBe(false);
    expect(namesAddress({ from: 'x.ana@customer.test' }, 'ana@customer.test')).toBe(false);
  });

  it('reads the S3 keys a message or intake record points to, field by field', () => {
    // Assess
    expect(
      objectKeysOf({
        rawKey: 'inbound/abc',
        htmlKey: 'content/abc/body.html',
        attachments: [{ key: 'content/abc/attachments/1-a.pdf' }, { filename: 'no key' }],
      }),
    ).toEqual(['inbound/abc', 'content/abc/body.html', 'content/abc/attachments/1-a.pdf']);
    expect(objectKeysOf({ attachments: 'not a list' })).toEqual([]);
  });

  it('keeps the address only as its SHA-256, the same for any spelling', () => {
    // Assess
    expect(addressHash(' Ana@Customer.test ')).toBe(addressHash('ana@customer.test'));
    expect(addressHash('ana@customer.test')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('retention of solved cases', () => {
  it('lets a solved case expire the given days after it was solved', () => {
    // Assess: 2026-12-01T10:00Z plus 30 days
    expect(caseExpiresAt({ status: 'solved', solvedAt: '2026-12-01T10:00:00.000Z' }, 30)).toBe(
      Date.parse('2026-12-31T10:00:00.000Z') / 1000,
    );
  });

  it('keeps open cases, and every case while retention is off', () => {
    // Assess
    expect(caseExpiresAt({ status: 'open' }, 30)).toBeUndefined();
    expect(caseExpiresAt({ status: 'solved', solvedAt: '2026-12-01T10:00:00.000Z' }, undefined)).toBeUndefined();
  });
});
