import type { Agent, Team } from './agents.ts';
import type { SupportCase } from './support-case.ts';

/**
 * A sender nobody wants to hear from again: `#spam` blocks the case's sender (`#spam domain`, its
 * whole domain), and `support blocks add` does by hand. Their later mail is kept and recorded, but
 * opens no case and reaches nobody.
 */
export interface SenderBlock {
  /** A lower-case address (`ana@spam.test`) or domain (`spam.test`). */
  readonly value: string;
  readonly scope: 'address' | 'domain';
  readonly blockedAt: string;
  /** Who blocked it: "Maria Lopez (A-101)", or "support CLI". */
  readonly blockedBy: string;
  /** The case marked as spam that drew the block, when a `#spam` did. */
  readonly caseNumber?: number;
}

/** What a block is written as: an address with an @, a domain without one. */
export function blockTarget(value: string): { value: string; scope: 'address' | 'domain' } | undefined {
  const wanted = value.trim().toLowerCase().replace(/^@/, '');
  if (/^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(wanted)) return { value: wanted, scope: 'address' };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(wanted)) return { value: wanted, scope: 'domain' };
  return undefined;
}

/** The block values a sender's mail is checked against: its address, and the domain after its @. */
export function blockValuesFor(sender: string): [string, string] {
  const address = sender.toLowerCase();
  return [address, address.slice(address.lastIndexOf('@') + 1)];
}

/** Why mail from `sender` is held, given the blocks found for it; undefined when none applies. */
export function blockedReason(sender: string, blocks: readonly SenderBlock[]): string | undefined {
  const [address, domain] = blockValuesFor(sender);
  const block =
    blocks.find((b) => b.scope === 'address' && b.value === address) ??
    blocks.find((b) => b.scope === 'domain' && b.value === domain);
  if (block === undefined) return undefined;
  const source = block.caseNumber === undefined ? '' : ` as spam on case #${block.caseNumber}`;
  return `blocked sender: ${block.scope === 'address' ? block.value : `domain ${block.value}`} (blocked${source} by ${block.blockedBy} on ${block.blockedAt.slice(0, 10)})`;
}

/** Domains whose blocking would silence the team itself: the team's, our agents' and engineering's. */
function teamDomains(team: Team): Set<string> {
  const domainOf = (address: string) => blockValuesFor(address)[1];
  return new Set([team.teamAddress, team.engineeringAddress, ...team.agents.map((a) => a.email)].map(domainOf));
}

/**
 * The block `#spam` sets on a case's sender, or why it cannot: the case has no sender, or the
 * domain is the team's own (blocking it would silence agents and engineering).
 */
export function spamBlock(
  supportCase: SupportCase,
  scope: 'address' | 'domain',
  who: { readonly agent: Agent; readonly team: Team; readonly at: string },
): SenderBlock | string {
  const sender = supportCase.requester?.address;
  if (sender === undefined) return `#spam: case #${supportCase.caseNumber} has no sender address to block.`;
  const [address, domain] = blockValuesFor(sender);
  if (scope === 'domain' && teamDomains(who.team).has(domain))
    return `#spam: ${sender} is on the team's own domain ${domain}; it cannot be blocked.`;
  return {
    value: scope === 'address' ? address : domain,
    scope,
    blockedAt: who.at,
    blockedBy: `${who.agent.name} (${who.agent.agentId})`,
    caseNumber: supportCase.caseNumber,
  };
}
