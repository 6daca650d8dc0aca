import { describe, expect, it } from 'vitest';
import { admitParticipants, copiesTrust, MAX_CASE_PARTICIPANTS } from '../../functions/core/participants.ts';

const mail = {
  from: { address: 'Ana@Customer.test', name: 'Ana' },
  cc: [
    { address: 'Bob@Customer.test' },
    { address: 'sales@example.test' },
    { address: 'ana@customer.test' },
    { address: 'team@staff.test' },
    { address: 'eve@elsewhere.test' },
  ],
};
const admit = (current: string[], trust: 'token' | 'dmarc' | 'unverified') =>
  admitParticipants({ current, mail, trust, ownDomains: ['example.test'], teamAddresses: ['team@staff.test'] });

describe('who joins a case from a mail', () => {
  it('lets a proven sender bring in whom she copied, never our own or the team addresses', () => {
    expect(admit([], 'dmarc')).toEqual({
      participants: ['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'],
      added: ['bob@customer.test', 'eve@elsewhere.test'],
      notAdded: [],
    });
    expect(admit(['ana@customer.test', 'bob@customer.test'], 'token')).toEqual({
      participants: ['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'],
      added: ['eve@elsewhere.test'],
      notAdded: [],
    });
  });

  it("counts every queue's domain as ours: a copy to another brand's address or reply token never joins", () => {
    // Prepare
    const copiedBrand = { ...mail, cc: [{ address: 'help+c-1001-x@brand2.test' }, { address: 'bob@customer.test' }] };

    // Act
    const change = admitParticipants({
      current: [],
      mail: copiedBrand,
      trust: 'dmarc',
      ownDomains: ['example.test', 'brand2.test'],
      teamAddresses: [],
    });

    // Assess
    expect(change.participants).toEqual(['ana@customer.test', 'bob@customer.test']);
  });

  it('keeps an unproven sender in her own case but lets nobody she copied in, and says whom', () => {
    expect(admit([], 'unverified')).toEqual({
      participants: ['ana@customer.test'],
      added: [],
      notAdded: ['bob@customer.test', 'eve@elsewhere.test'],
    });
    expect(admit(['ana@customer.test'], 'unverified')).toEqual({
      participants: ['ana@customer.test'],
      added: [],
      notAdded: ['bob@customer.test', 'eve@elsewhere.test'],
    });
  });

  it('reports nothing for copies of people who already take part', () => {
    expect(admit(['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'], 'unverified')).toEqual({
      participants: ['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'],
      added: [],
      notAdded: [],
    });
  });
});

describe('a case one answer can still reach', () => {
  it(`takes copies until it has ${MAX_CASE_PARTICIPANTS} participants, and names the rest`, () => {
    // Prepare: 48 take part; a proven mail from the 49th copies five more
    const current = Array.from({ length: 48 }, (_, i) => `p${i}@customer.test`);
    const copies = {
      from: { address: 'new@customer.test' },
      cc: ['a', 'b', 'c', 'd', 'e'].map((l) => ({ address: `${l}@customer.test` })),
    };

    // Act
    const change = admitParticipants({
      current,
      mail: copies,
      trust: 'dmarc',
      ownDomains: ['example.test'],
      teamAddresses: [],
    });

    // Assess
    expect(change.participants).toHaveLength(MAX_CASE_PARTICIPANTS);
    expect(change.participants.slice(48)).toEqual(['new@customer.test', 'a@customer.test']);
    expect(change).toMatchObject({
      added: ['a@customer.test'],
      notAdded: [],
      overLimit: ['b@customer.test', 'c@customer.test', 'd@customer.test', 'e@customer.test'],
    });
  });
});

describe('whether a mail may widen who reads a case', () => {
  it('trusts a reply token for the case, or a DMARC pass; nothing else', () => {
    expect(copiesTrust({ via: 'token', dmarc: 'GRAY' })).toBe('token');
    expect(copiesTrust({ via: 'references', dmarc: 'PASS' })).toBe('dmarc');
    expect(copiesTrust({ dmarc: 'PASS' })).toBe('dmarc');
    for (const dmarc of ['GRAY', 'FAIL', 'PROCESSING_FAILED', 'DISABLED'] as const) {
      expect(copiesTrust({ via: 'references', dmarc })).toBe('unverified');
      expect(copiesTrust({ via: 'subject', dmarc })).toBe('unverified');
      expect(copiesTrust({ dmarc })).toBe('unverified');
    }
  });
});
