/**
 * Floods: one address, or many addresses of one domain, writing new mail faster than a person
 * could (a script, a broken form, a mail loop the automatic-mail checks miss, a spam run). Each
 * such mail would open a case and notify the team. Past a bound per hour, new mail is filed into
 * the case the flood last opened instead, nobody is acknowledged or notified for it, and the team
 * hears once per hour that a flood is being folded, and where.
 */

/** How many new cases an hour one sender, and one sending domain, may open. */
export interface FloodLimits {
  readonly newCasesPerSenderPerHour: number;
  readonly newCasesPerDomainPerHour: number;
  /**
   * Domains with no domain bound: big mailbox providers, whose many unrelated customers would
   * otherwise share one bound (fifty strangers on gmail.com are no flood). Each address there is
   * still bounded on its own.
   */
  readonly unboundedDomains: readonly string[];
}

/**
 * Mailbox providers whose users are unrelated people. A domain bound counts mail that one owner
 * controls (a company, a script's sender domain); at a provider like these it would count customers.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  't-online.de',
  'mail.com',
  'zoho.com',
  'yandex.ru',
  'yandex.com',
  'mail.ru',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'fastmail.com',
  'hey.com',
];

/**
 * Ten new cases an hour is more than any one person opens by hand (a busy customer writes two or
 * three), so the sender bound only ever meets machines. Fifty from one domain is a large customer
 * having a very bad hour; more is a mass mailing or a script rotating its addresses.
 */
export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  newCasesPerSenderPerHour: 10,
  newCasesPerDomainPerHour: 50,
  unboundedDomains: FREE_MAIL_DOMAINS,
};

/** Who a bound counts: one address, or every address of one domain. */
export type FloodScope = 'sender' | 'domain';

/** What the counter of one sender (or domain) holds for one hour. */
export interface FloodCount {
  /** New cases opened this hour. */
  readonly opened: number;
  /** The case opened last this hour. */
  readonly latestCase?: number;
  /** Mails folded this hour because this bound was reached. */
  readonly folded: number;
  /** The team was told of this hour's flood. */
  readonly noticed: boolean;
}

export const NO_COUNT: FloodCount = { opened: 0, folded: 0, noticed: false };

/** The counters a new mail is judged by: its sender's and, unless exempt, its domain's, for one hour. */
export interface FloodKeys {
  readonly sender: string;
  readonly domain?: string;
  /** Hours since the epoch (UTC): counters are per clock hour, as the automatic-mail limit is. */
  readonly hour: number;
}

export type FloodVerdict =
  | { readonly action: 'open' }
  | {
      readonly action: 'fold';
      /** The case the mail is filed into: the sender's latest of this hour, else the domain's. */
      readonly into: number;
      /** The bound that was reached (the sender's first, when both are). */
      readonly by: FloodScope;
      /** Tell the team: nobody has been told of this hour's flood yet. */
      readonly notify: boolean;
      /** Mails folded by this bound this hour, this one included. */
      readonly folded: number;
    }
  | { readonly action: 'hold'; readonly reason: string };

const HOUR_MS = 3_600_000;

/** The counter hour of an instant. */
export function floodHour(at: Date): number {
  return Math.floor(at.getTime() / HOUR_MS);
}

/** The end of a counter hour, when its bounds start again. */
export function floodHourEnds(hour: number): Date {
  return new Date((hour + 1) * HOUR_MS);
}

/**
 * The counters for mail from `sender` at `at`; the domain only when it is bounded. `owner` is the
 * registrable domain of the sender's host (`flood.test` for `a1.flood.test`; see
 * mail/registrable-domain.ts): one owner's domain is one bound however many subdomains it invents.
 */
export function floodKeysFor(sender: string, limits: FloodLimits, at: Date, owner?: string): FloodKeys {
  const address = sender.toLowerCase();
  const atSign = address.lastIndexOf('@');
  const host = address.slice(atSign + 1);
  const domain = owner?.toLowerCase() || host;
  const unbounded = (d: string) => limits.unboundedDomains.some((u) => u.toLowerCase() === d);
  const exempt = host === '' || atSign === -1 || unbounded(host) || unbounded(domain);
  return {
    sender: atSign === -1 ? address : `${mailboxOf(address.slice(0, atSign), domain)}@${host}`,
    ...(exempt ? {} : { domain }),
    hour: floodHour(at),
  };
}

/** Providers that deliver `a.n.a@` to `ana@`: dots in their local parts name no other mailbox. */
const DOTLESS_MAILBOX_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox a local part reaches: `ana+1@` and `ana+2@` are Ana's one mailbox (subaddressing,
 * RFC 5233), so a script cannot pass the sender bound by counting up a tag, least of all at a free
 * mail provider, where no domain bound stands behind it.
 */
function mailboxOf(local: string, domain: string): string {
  const plus = local.indexOf('+');
  const base = plus > 0 ? local.slice(0, plus) : local;
  return DOTLESS_MAILBOX_DOMAINS.has(domain) ? base.replaceAll('.', '') || base : base;
}

/**
 * Whether mail that would open a new case may, given this hour's counts. Under both bounds it
 * opens one; past either it is folded into the latest case the sender opened this hour or, for a
 * domain bound reached by the sender's first mail, the latest the domain opened (the team sees it
 * there; the sender is not added to that case, so nobody's answer goes to them by mistake).
 */
export function judgeFlood(
  counts: { readonly sender: FloodCount; readonly domain?: FloodCount },
  limits: FloodLimits,
): FloodVerdict {
  const senderOver = counts.sender.opened >= limits.newCasesPerSenderPerHour;
  const domainOver = counts.domain !== undefined && counts.domain.opened >= limits.newCasesPerDomainPerHour;
  if (!senderOver && !domainOver) return { action: 'open' };
  const by: FloodScope = senderOver ? 'sender' : 'domain';
  const tripped = (senderOver ? counts.sender : counts.domain) ?? NO_COUNT;
  const into = counts.sender.latestCase ?? counts.domain?.latestCase;
  // A bound is reached only by opening cases, so its counter names one; without it (a counter
  // written by another version) nothing can be folded into, and the mail waits for a person.
  if (into === undefined)
    return { action: 'hold', reason: `flood: ${by} bound reached with no case of this hour to file into` };
  return { action: 'fold', into, by, notify: !tripped.noticed, folded: tripped.folded + 1 };
}
