import { brotliCompressSync, constants } from 'node:zlib';
import { COMPRESSED_QUEUES_PREFIX } from '../functions/config/queue-settings.ts';
import type { Team } from '../functions/core/agents.ts';
import { writingOf } from '../functions/core/draft-language.ts';
import type { SupportQueue } from '../functions/core/queues.ts';
import type { SupportConfig } from './config.ts';
import { dutyRoster } from './duty-schema.ts';

/** A team as the functions read it (TEAM, or a queue's in QUEUES): its duty roster on the queue's calendar. */
export function deployedTeam(
  team: Pick<SupportConfig, 'agents' | 'teamAddress' | 'engineeringAddress' | 'duty'>,
  calendar: SupportConfig['businessHours'],
): Team {
  return {
    agents: team.agents,
    teamAddress: team.teamAddress,
    engineeringAddress: team.engineeringAddress,
    ...(team.duty === undefined ? {} : { duty: dutyRoster(team.duty, calendar) }),
  };
}

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
      team: deployedTeam(
        { ...queue, engineeringAddress: queue.engineeringAddress ?? config.engineeringAddress },
        businessHours,
      ),
      businessHours,
      slaPolicy: queue.responseTargets ?? config.responseTargets,
      ...writingOf(queue),
    };
  });
}

/**
 * The QUEUES variable: `[]` without queues, else the queues' JSON brotli-compressed behind
 * COMPRESSED_QUEUES_PREFIX, so several queues with their own teams and calendars fit in Lambda's
 * 4 KB of environment beside everything else (`readQueues` reads both forms).
 */
export function queuesVariable(config: SupportConfig): string {
  const queues = supportQueues(config);
  if (queues.length === 0) return '[]';
  const compressed = brotliCompressSync(JSON.stringify(queues), {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  });
  return `${COMPRESSED_QUEUES_PREFIX}${compressed.toString('base64')}`;
}
