import type { SupportConfig } from '../config.ts';
import { receivingDomains } from '../queue-rules.ts';

/**
 * The banner's lines for the queues besides the default one: the address to write to, where its
 * notifications go, and each of its agents with their SMTP password. Empty without queues.
 */
export function describeQueues(config: SupportConfig, agentPassword: (email: string) => string): string {
  if (config.queues.length === 0) return '';
  const lines = config.queues.flatMap((queue) => [
    `                   ${queue.address} (${queue.id}, "${queue.displayName}", ${queue.language}): notifications to ${queue.teamAddress}`,
    ...queue.agents.map(
      (a) =>
        `                     ${a.email}  password ${agentPassword(a.email)}  (${a.agentId}${a.role === 'supervisor' ? ', supervisor' : ''})`,
    ),
  ]);
  const domains = receivingDomains(config).join(' or ');
  return `  Queues           mail to any other address at ${domains} goes to ${config.supportAddress}'s queue\n${lines.join('\n')}\n`;
}
