import type { SupportQueue } from '../functions/core/queues.ts';
import type { SupportConfig } from './config.ts';
import { dutyRoster } from './duty-schema.ts';

/**
 * The extra queues as the functions read them (`readQueues`), every default applied: the top-level
 * engineering address, business hours and response targets where a queue names none of its own.
 */
export function supportQueues(config: SupportConfig): SupportQueue[] {
  return config.queues.map((queue) => {
    const businessHours = queue.businessHours ?? config.businessHours;
    return {
      id: queue.id,
      address: queue.address.toLowerCase(),
      displayName: queue.displayName,
      team: {
        agents: queue.agents,
        teamAddress: queue.teamAddress,
        engineeringAddress: queue.engineeringAddress ?? config.engineeringAddress,
        ...(queue.duty === undefined ? {} : { duty: dutyRoster(queue.duty, businessHours) }),
      },
      businessHours,
      slaPolicy: queue.responseTargets ?? config.responseTargets,
      language: queue.language,
      ...(queue.signature === undefined ? {} : { signature: queue.signature }),
      ...(queue.templates === undefined ? {} : { templates: queue.templates }),
    };
  });
}

/**
 * The QUEUES variable. Where the environment also carries BUSINESS_HOURS and SLA_POLICY, a queue's
 * calendar and targets are left out when they are those (`readQueues` puts them back): Lambda
 * allows 4 KB of environment in all, and repeating them would cost about 450 bytes a queue.
 */
export function queuesVariable(config: SupportConfig, options: { readonly inheritCalendar: boolean }): string {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return JSON.stringify(
    supportQueues(config).map(({ businessHours, slaPolicy, ...queue }) => ({
      ...queue,
      ...(options.inheritCalendar && same(businessHours, config.businessHours) ? {} : { businessHours }),
      ...(options.inheritCalendar && same(slaPolicy, config.responseTargets) ? {} : { slaPolicy }),
    })),
  );
}
