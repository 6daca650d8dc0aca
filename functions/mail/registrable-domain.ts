import { getDomain } from 'tldts';

/**
 * The domain one owner registered, under which it may invent any number of subdomains:
 * `customer.co.uk` for `ana@mail.customer.co.uk`, by the Public Suffix List (tldts, which mailauth
 * already ships), its private section included: under a hosting suffix such as `github.io` each
 * name has its own owner. Undefined for an address with no domain, or a host the list cannot place.
 */
export function registrableDomain(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at === -1) return undefined;
  return getDomain(address.slice(at + 1), { allowPrivateDomains: true }) ?? undefined;
}
