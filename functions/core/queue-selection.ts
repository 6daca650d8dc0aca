/** Which queue's settings a case is worked with: the one thing handlers ask before calling a planner. */
import type { Team } from './agents.ts';
import { inReadersLanguage, writingOf } from './draft-language.ts';
import type { OutboundDraft } from './outbound-draft.ts';
import { DEFAULT_QUEUE_ID, type SupportQueue } from './queues.ts';
import type { PipelineSettings } from './settings.ts';
import type { SupportCase } from './support-case.ts';

/** The queue a case belongs to: its `queue`, or the default queue for a case from before queues. */
export function queueIdOf(supportCase: Pick<SupportCase, 'queue'>): string {
  return supportCase.queue ?? DEFAULT_QUEUE_ID;
}

/** The queue of `id` among the deployment's, if there is one. */
function findQueue(queues: readonly SupportQueue[], id: string | undefined): SupportQueue | undefined {
  const wanted = id?.trim().toLowerCase();
  return wanted === undefined ? undefined : queues.find((q) => q.id === wanted);
}

/**
 * The settings of one queue: its address, display name, team, calendar and targets in the fields
 * every planner reads, so a planner never learns that queues exist. An unknown or absent id is the
 * default queue (a case whose queue was removed from the configuration stays answerable). `team`,
 * when given, is the queue's team as it stands (`support agents --queue`), else as deployed.
 * A setting with a receiving `domain` (the inbound function's) gets the queue's domain.
 */
export function settingsForQueue<S extends PipelineSettings>(settings: S, queueId?: string, team?: Team): S {
  const queue = findQueue(settings.queues, queueId) ?? findQueue(settings.queues, DEFAULT_QUEUE_ID);
  if (queue === undefined) return settings;
  // How the queue writes (language, signature, template folder) is its own, none kept from another queue.
  const { signature: _signature, templates: _templates, ...shared } = settings;
  return {
    ...(shared as S),
    queueId: queue.id,
    supportAddress: queue.address,
    supportName: queue.displayName,
    team: team ?? queue.team,
    businessHours: queue.businessHours,
    slaPolicy: queue.slaPolicy,
    ...writingOf(queue),
    ...('domain' in settings ? { domain: domainOf(queue.address) } : {}),
  };
}

/** Every queue's address: never on a case's customer side, whichever queue the case is in. */
export function queueAddresses(queues: readonly SupportQueue[] | undefined): string[] {
  return (queues ?? []).map((q) => q.address.toLowerCase());
}

/** Every queue's domain: mail there is ours, never a customer's. */
export function queueDomains(queues: readonly Pick<SupportQueue, 'address'>[] | undefined): string[] {
  return [...new Set((queues ?? []).map((q) => domainOf(q.address)))];
}

/** Our own domains: `domain` (the support address's) first, then every queue's, each once, lower case. */
export function ownDomains(domain: string, queues: readonly Pick<SupportQueue, 'address'>[] | undefined): string[] {
  return [...new Set([domain.toLowerCase(), ...queueDomains(queues)])];
}

/** The domain of an address, lower case. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Drafts sent from `address` (their case's queue's), unless a planner chose one: the outbox keeps
 * them, so a retry in another invocation still sends from the address the customer wrote to.
 */
export function sentFrom(
  drafts: Readonly<Record<string, OutboundDraft>>,
  address: string,
): Record<string, OutboundDraft> {
  return Object.fromEntries(
    Object.entries(drafts).map(([name, draft]) => [
      name,
      draft.from === undefined ? { ...draft, from: address } : draft,
    ]),
  );
}

/**
 * The drafts of one case as its queue sends them: from the queue's address (sentFrom) and each in
 * its reader's language, the customer's with the queue's signature (inReadersLanguage).
 */
export function queueDrafts(
  drafts: Readonly<Record<string, OutboundDraft>>,
  supportCase: Pick<SupportCase, 'language'> | undefined,
  settings: Pick<PipelineSettings, 'supportAddress' | 'language' | 'signature' | 'templates'>,
): Record<string, OutboundDraft> {
  return inReadersLanguage(sentFrom(drafts, settings.supportAddress), supportCase, settings);
}
