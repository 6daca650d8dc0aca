import { describe, expect, it } from 'vitest';
import { admitParticipants, copiesTrust } from '../../functions/core/participants.ts';

const mail = {
  from: { address: 'Ana@Customer.test', name: 'Ana' },
  cc: [{ address: 'Bob@Customer.test' }, { address: 'sales@example.test' }, { address: 'ana@customer.test' }, { address: 'team@staff.test' }, { address: 'eve@elsewhere.test' }],
};
const admit = (current: string[], trust: 'token' | 'dmarc' | 'unverified') => admitParticipants({ current, mail, trust, ownDomain: 'example.test', teamAddresses: ['team@staff.test'] });

describe('who joins a case from a mail', () => {
  it('lets a proven sender bring in whom she copied, never our own or the team addresses', () => {
    expect(admit([], 'dmarc')).toEqual({ participants: ['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'], added: ['bob@customer.test', 'eve@elsewhere.test'], notAdded: [] });
    expect(admit(['ana@customer.test', 'bob@customer.test'], 'token')).toEqual({ participants: ['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'], added: ['eve@elsewhere.test'], notAdded: [] });
  });

  it('keeps an unproven sender in her own case but lets nobody she copied in, and says whom', () => {
    expect(admit([], 'unverified')).toEqual({ participants: ['ana@customer.test'], added: [], notAdded: ['bob@customer.test', 'eve@elsewhere.test'] });
    expect(admit(['ana@customer.test'], 'unverified')).toEqual({ participants: ['ana@customer.test'], added: [], notAdded: ['bob@customer.test', 'eve@elsewhere.test'] });
  });

  it('reports nothing for copies of people who already take part', () => {
    expect(admit(['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'], 'unverified')).toEqual({ participants: ['ana@customer.test', 'bob@customer.test', 'eve@elsewhere.test'], added: [], notAdded: [] });
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
