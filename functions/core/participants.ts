import type { VerdictStatus } from './intake-decision.ts';
import { customerSideAddresses, type InboundMailFacts } from './new-case.ts';

/**
 * Who may widen the circle of people who read a case. A mail whose sender is unproven (SES's DMARC
 * verdict GRAY: the sender's domain publishes no policy, so anyone can forge its From) may still
 * write into a case its sender takes part in, but the addresses it copies do not join: otherwise
 * whoever forges a customer's From and copies themselves reads every later answer.
 */
export type CopiesTrust = 'token' | 'dmarc' | 'unverified';

/** A mail's sender is proven by a reply token signed for them and the case, or by passing DMARC. */
export function copiesTrust(facts: {
  readonly via?: 'token' | 'references' | 'subject';
  readonly dmarc: VerdictStatus;
}): CopiesTrust {
  if (facts.via === 'token') return 'token';
  return facts.dmarc === 'PASS' ? 'dmarc' : 'unverified';
}

/**
 * Most addresses on a case's customer side. Every answer goes to all of them in one message, and
 * SES refuses a message for more than 50 recipients (To, Cc and Bcc together): past this, no answer
 * would reach anyone. A real conversation has a handful.
 */
export const MAX_CASE_PARTICIPANTS = 50;

/** The case's customer side after a mail, and what the mail changed in it, for the agents to see. */
export interface ParticipantChange {
  readonly participants: readonly string[];
  /** Addresses the mail copied that now take part (the sender itself is never listed). */
  readonly added: readonly string[];
  /** Addresses the mail copied that were left out, because its sender is unproven. */
  readonly notAdded: readonly string[];
  /** Addresses a proven sender copied that were left out, because the case has MAX_CASE_PARTICIPANTS. */
  readonly overLimit?: readonly string[];
}

/**
 * Admits the customer-side addresses of a mail to a case. The sender always takes part (a new
 * case's requester, or someone routing already found in the case); the addresses they copy join
 * only when `trust` proves the sender. Our own and the team's addresses never join.
 */
export function admitParticipants(input: {
  readonly current: readonly string[];
  readonly mail: Pick<InboundMailFacts, 'from' | 'cc'>;
  readonly trust: CopiesTrust;
  /** Every domain we receive on: no address there is a customer's. */
  readonly ownDomains: readonly string[];
  readonly teamAddresses: readonly string[];
}): ParticipantChange {
  const sender = input.mail.from?.address.toLowerCase();
  const fresh = customerSideAddresses(input.mail, input.ownDomains, input.teamAddresses).filter(
    (a) => !input.current.includes(a),
  );
  const copied = fresh.filter((a) => a !== sender);
  const joining = [...input.current, ...fresh.filter((a) => a === sender)];
  const room = Math.max(0, MAX_CASE_PARTICIPANTS - joining.length);
  const admitted = input.trust === 'unverified' ? [] : copied.slice(0, room);
  const overLimit = input.trust === 'unverified' ? [] : copied.slice(room);
  return {
    participants: [...joining, ...admitted],
    added: admitted,
    notAdded: input.trust === 'unverified' ? copied : [],
    ...(overLimit.length === 0 ? {} : { overLimit }),
  };
}
