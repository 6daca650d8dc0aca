import { domainOf, ownDomains } from '../functions/core/queue-selection.ts';
import { dutyProblems } from './duty-schema.ts';
import type { QueueConfig } from './queue-schema.ts';
import { teamRuleProblems } from './team-schema.ts';

/** What the rules across queues read: the default queue's fields and the extra queues (a SupportConfig). */
interface QueuesInput {
  readonly domain: string;
  readonly supportAddress: string;
  readonly engineeringAddress: string;
  readonly mailFromSubdomain: string;
  readonly businessHours: { readonly timeZone: string };
  readonly queues: readonly QueueConfig[];
}

/** One broken rule: where (below `support`) and what, in words. */
export interface ConfigProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/**
 * The domains SES receives at, lowercase, the support domain first: every address on them reaches
 * the pipeline (a queue's address its queue, any other address the default queue), and each has
 * its own DKIM identity to send from.
 */
export function receivingDomains(config: Pick<QueuesInput, 'domain' | 'queues'>): string[] {
  return ownDomains(config.domain, config.queues);
}

/**
 * The rules between queues, and each queue's team rules, against every receiving domain: ids and
 * addresses unique, no address of ours on a MAIL FROM domain (which must not receive mail), and
 * each team sound with none of its addresses on a receiving domain.
 */
export function queueRuleProblems(config: QueuesInput, domains = receivingDomains(config)): ConfigProblem[] {
  const mailFromDomains = domains.map((d) => `${config.mailFromSubdomain.toLowerCase()}.${d}`);
  const problems: ConfigProblem[] = [];
  const seenIds = new Map<string, number>();
  const seenAddresses = new Map<string, string>([[config.supportAddress.toLowerCase(), 'supportAddress']]);
  config.queues.forEach((queue, index) => {
    const at = (...rest: string[]) => ['queues', index, ...rest];
    const earlier = seenIds.get(queue.id);
    if (earlier !== undefined)
      problems.push({ path: at('id'), message: `"${queue.id}" is already the id of queues[${earlier}]` });
    seenIds.set(queue.id, index);
    const address = queue.address.toLowerCase();
    const owner = seenAddresses.get(address);
    if (owner !== undefined)
      problems.push({ path: at('address'), message: `${queue.address} is already ${owner}: one address, one queue` });
    seenAddresses.set(address, `queues[${index}] (${queue.id})`);
    if (mailFromDomains.includes(domainOf(address)))
      problems.push({
        path: at('address'),
        message: `${domainOf(address)} is a MAIL FROM domain (mailFromSubdomain); it takes bounces, not mail: use another domain`,
      });
    const team = { ...queue, engineeringAddress: queue.engineeringAddress ?? config.engineeringAddress };
    for (const message of teamRuleProblems(team, domains)) problems.push({ path: at(), message });
    if (queue.duty !== undefined) {
      const timeZone = (queue.businessHours ?? config.businessHours).timeZone;
      for (const message of dutyProblems(queue.duty, queue.agents, timeZone))
        problems.push({ path: at('duty'), message });
    }
  });
  return problems;
}
