import type { Agent } from './agents.ts';
import type { HoldReason, IntakeDecision, ReceiptVerdicts } from './intake-decision.ts';
import type { TokenCheck } from './reply-token.ts';
import type { CaseFlag, SupportCase } from './support-case.ts';

export interface RouteFacts {
  readonly decision: IntakeDecision;
  readonly sender?: string;
  readonly verdicts: ReceiptVerdicts;
  /** The configured agent whose address the mail is from, if any. */
  readonly agent?: Agent;
  /** Tokens found in our plus-addresses among the recipients, checked against the sender. */
  readonly tokens: readonly TokenCheck[];
  /** Cases that the tokens, In-Reply-To/References and subject tags name, by how they were named. */
  readonly tokenCases: readonly SupportCase[];
  readonly referencedCases: readonly SupportCase[];
  readonly taggedCases: readonly SupportCase[];
  /** When the mail arrived, and how long after solving a reply may still reopen a case. */
  readonly receivedAt: string;
  readonly reopenWithinDays: number;
  /**
   * The sender is the configured engineering address ('address'), or another address of its domain
   * ('domain', which acts only through an engineering token).
   */
  readonly engineering?: 'address' | 'domain';
  /** Why the sender may open no case: a block `#spam` set on its address or domain. */
  readonly blocked?: string;
}

export type Route =
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'hold'; readonly reason: string }
  /** Mail that reports a failed delivery: filed in the case whose message it quotes, else held for `reason`. */
  | { readonly kind: 'bounce'; readonly reason: HoldReason }
  | { readonly kind: 'agent-reply'; readonly supportCase: SupportCase; readonly agent: Agent }
  /** Engineering's answer to a `#bug` report: an internal note on the case, never a customer's mail. */
  | { readonly kind: 'engineering-reply'; readonly supportCase: SupportCase }
  | {
      readonly kind: 'customer-reply';
      readonly supportCase: SupportCase;
      readonly via: 'token' | 'references' | 'subject';
    }
  | {
      readonly kind: 'new-case';
      readonly flags: readonly CaseFlag[];
      readonly silence?: string;
      /** Why the mail did not join the case it named (recorded, never told to the sender). */
      readonly mismatch?: string;
      readonly spoofedAgent?: Agent;
      /** A customer's reply to a case solved longer ago than the reopen window: the new case links to it. */
      readonly previousCase?: number;
    };

/**
 * Where a mail belongs. An agent's mail acts on a case only when DMARC proves it came from the
 * agent's domain; a customer's mail joins a case by a token signed for them, or by naming the case
 * (reference or subject tag) when they already take part in it. Anything else starts a new case,
 * so nobody can write into a conversation that is not theirs.
 */
export function routeMail(facts: RouteFacts): Route {
  const { decision } = facts;
  if (decision.action === 'ignore') return { kind: 'ignore', reason: decision.reason };
  if (decision.action === 'hold')
    return BOUNCE_REASONS.has(decision.reason)
      ? { kind: 'bounce', reason: decision.reason }
      : { kind: 'hold', reason: decision.reason };
  const newCase = (
    extra: {
      flags?: CaseFlag[];
      silence?: string;
      mismatch?: string;
      spoofedAgent?: Agent;
      previousCase?: number;
    } = {},
  ): Route => ({
    kind: 'new-case',
    flags: [...decision.flags, ...(extra.flags ?? [])],
    ...(extra.silence !== undefined
      ? { silence: extra.silence }
      : decision.silence !== undefined
        ? { silence: decision.silence }
        : {}),
    ...(extra.mismatch === undefined ? {} : { mismatch: extra.mismatch }),
    ...(extra.spoofedAgent === undefined ? {} : { spoofedAgent: extra.spoofedAgent }),
    ...(extra.previousCase === undefined ? {} : { previousCase: extra.previousCase }),
  });
  // A customer's mail that joins a case solved too long ago starts a new one, linked to it.
  const joinOrFollowUp = (supportCase: SupportCase, via: 'token' | 'references' | 'subject'): Route =>
    closedForGood(supportCase, facts.receivedAt, facts.reopenWithinDays)
      ? newCase({ previousCase: supportCase.caseNumber })
      : { kind: 'customer-reply', supportCase, via };

  // An agent writing from engineering's domain is an agent; engineering is anyone else there.
  const engineering = facts.agent === undefined ? engineeringRoute(facts) : undefined;
  if (engineering === 'spoofed') return newCase({ flags: ['spoofed-agent'], silence: 'spoofed-agent' });
  if (engineering !== undefined) return engineering;
  if (facts.agent !== undefined) {
    if (facts.verdicts.dmarc !== 'PASS')
      return newCase({ flags: ['spoofed-agent'], silence: 'spoofed-agent', spoofedAgent: facts.agent });
    const agentToken = facts.tokens.find((t) => t.valid && t.kind === 'agent');
    const target =
      (agentToken?.valid ? facts.tokenCases.find((c) => c.caseNumber === agentToken.caseNumber) : undefined) ??
      facts.referencedCases[0] ??
      facts.taggedCases[0];
    if (target !== undefined) return { kind: 'agent-reply', supportCase: target, agent: facts.agent };
    return newCase();
  }

  // Mail that is spam, a virus or disowned by its domain never enters an existing conversation. A
  // no-reply sender is no question of trust: its next notice may join the case its first one opened.
  if (decision.silence !== undefined && decision.silence !== 'no-reply-sender') return newCase();
  // Someone an agent marked as spam is heard by nobody: the mail is kept, and opens no case.
  if (facts.blocked !== undefined) return { kind: 'hold', reason: facts.blocked };
  const sender = facts.sender?.toLowerCase();
  const customerToken = facts.tokens.find((t) => t.valid && t.kind === 'customer');
  const byToken = customerToken?.valid
    ? facts.tokenCases.find((c) => c.caseNumber === customerToken.caseNumber)
    : undefined;
  if (byToken !== undefined) return joinOrFollowUp(byToken, 'token');
  const takesPart = (c: SupportCase) => sender !== undefined && c.participants.includes(sender);
  const byReference = facts.referencedCases.find(takesPart);
  if (byReference !== undefined) return joinOrFollowUp(byReference, 'references');
  const byTag = facts.taggedCases.find(takesPart);
  if (byTag !== undefined) return joinOrFollowUp(byTag, 'subject');

  const mismatch = mismatchOf(facts);
  return mismatch === undefined ? newCase() : newCase({ flags: ['thread-mismatch'], mismatch });
}

/** Why a mail that joins no case named one anyway (recorded, never told to the sender), if it did. */
function mismatchOf(facts: RouteFacts): string | undefined {
  return facts.tokens.find((t) => !t.valid) !== undefined
    ? `invalid reply token (${facts.tokens.map((t) => (t.valid ? `${t.kind} token for #${t.caseNumber}` : t.reason)).join(', ')})`
    : facts.tokens.some((t) => t.valid && t.kind === 'agent')
      ? 'agent reply token used by someone who is not an agent'
      : facts.tokens.some((t) => t.valid && t.kind === 'engineering')
        ? 'engineering reply token used by someone outside engineering'
        : facts.referencedCases.length > 0 || facts.taggedCases.length > 0
          ? `named case ${[...facts.referencedCases, ...facts.taggedCases].map((c) => `#${c.caseNumber}`).join(', ')} without taking part in it`
          : undefined;
}

/**
 * Engineering's mail: the configured address (or its domain, through an engineering token) acts
 * on a case only when DMARC proves it, like an agent's; an unproven one is treated as a spoof. Mail
 * from the engineering address that names no case is held: it is no customer's, and wants no case.
 */
function engineeringRoute(facts: RouteFacts): Route | 'spoofed' | undefined {
  const token = facts.tokens.find((t) => t.valid && t.kind === 'engineering');
  const claims = facts.engineering === 'address' || (facts.engineering === 'domain' && token !== undefined);
  if (!claims) return undefined;
  if (facts.verdicts.dmarc !== 'PASS') return 'spoofed';
  const byToken = facts.tokens
    .filter((t) => t.valid && (t.kind === 'engineering' || (t.kind === 'agent' && facts.engineering === 'address')))
    .flatMap((t) => (t.valid ? facts.tokenCases.filter((c) => c.caseNumber === t.caseNumber) : []));
  const target = byToken[0] ?? facts.referencedCases[0] ?? facts.taggedCases[0];
  return target === undefined
    ? { kind: 'hold', reason: 'mail from engineering that names no case' }
    : { kind: 'engineering-reply', supportCase: target };
}

/** Automatic mail that may be a report of our own mail failing: a DSN, or mail from a null sender or mailer-daemon. */
const BOUNCE_REASONS: ReadonlySet<HoldReason> = new Set([
  'automatic:delivery-report',
  'automatic:null-sender',
  'automatic:mailer-daemon',
]);

const DAY_MS = 86_400_000;

/** Solved longer ago than the reopen window: a reply belongs in a new case now. */
export function closedForGood(supportCase: SupportCase, at: string, reopenWithinDays: number): boolean {
  if (supportCase.status !== 'solved' || supportCase.solvedAt === undefined) return false;
  return Date.parse(at) - Date.parse(supportCase.solvedAt) > reopenWithinDays * DAY_MS;
}
