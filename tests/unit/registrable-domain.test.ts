import { describe, expect, it } from 'vitest';
import { registrableDomain } from '../../functions/mail/registrable-domain.ts';

describe("the domain an address's owner registered", () => {
  it.each([
    ['bot@a17.shop.example', 'shop.example'],
    ['ana@mail.customer.co.uk', 'customer.co.uk'],
    ['ana@customer.test', 'customer.test'],
    ['bob@eu.mail.gmail.com', 'gmail.com'],
    ['ci@alerts.acme.github.io', 'acme.github.io'],
  ])('%s is under %s', (address, domain) => {
    expect(registrableDomain(address)).toBe(domain);
  });

  it('is nothing for an address without a domain, or a host the suffix list cannot place', () => {
    expect(registrableDomain('postmaster')).toBeUndefined();
    expect(registrableDomain('ana@[192.0.2.1]')).toBeUndefined();
  });
});
