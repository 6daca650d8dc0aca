import type { FloodCount, FloodKeys, FloodLimits, FloodScope } from '../core/flood-guard.ts';
import { NO_COUNT } from '../core/flood-guard.ts';
import { floodCounterKey } from './case-keys.ts';

/**
 * The per-hour flood counters: one item per sender and per bounded domain and hour, written only
 * inside an intake's transaction (so a retried or duplicate receipt, whose transaction is
 * cancelled, counts nothing) with the same ADD-under-a-condition the automatic-mail limit uses.
 */

/** What a commit counts: a new case (refused past either bound), or a mail folded under one bound. */
export type FloodCounting =
  | { readonly kind: 'open'; readonly keys: FloodKeys; readonly limits: FloodLimits; readonly caseNumber: number }
  | { readonly kind: 'fold'; readonly keys: FloodKeys; readonly by: FloodScope; readonly notify: boolean };

/** Item type of a counter, so a BatchGet that reads it with cases and lookups can tell it apart. */
export const FLOOD_COUNTER_TYPE = 'flood-counter';

/** Counters are kept a day past their hour, then DynamoDB's TTL deletes them. */
const KEEP_HOURS = 25;

/** The keys of the counters `keys` names. */
export function floodCounterKeys(keys: FloodKeys): Array<ReturnType<typeof floodCounterKey>> {
  return [
    floodCounterKey('sender', keys.sender, keys.hour),
    ...(keys.domain === undefined ? [] : [floodCounterKey('domain', keys.domain, keys.hour)]),
  ];
}

/** The counts of the counter items read (absent items count nothing). */
export function floodCountsOf(
  keys: FloodKeys,
  items: ReadonlyArray<Record<string, unknown>>,
): { sender: FloodCount; domain?: FloodCount } {
  const byPk = new Map(items.filter((i) => i.type === FLOOD_COUNTER_TYPE).map((i) => [String(i.pk), i]));
  const countOf = (scope: FloodScope, who: string): FloodCount => {
    const item = byPk.get(floodCounterKey(scope, who, keys.hour).pk);
    if (item === undefined) return NO_COUNT;
    return {
      opened: Number(item.opened ?? 0),
      folded: Number(item.folded ?? 0),
      noticed: item.noticed === true,
      ...(typeof item.latestCase === 'number' ? { latestCase: item.latestCase } : {}),
    };
  };
  return {
    sender: countOf('sender', keys.sender),
    ...(keys.domain === undefined ? {} : { domain: countOf('domain', keys.domain) }),
  };
}

/**
 * The transaction items that count `counting`. Opening a case adds one to the sender's and the
 * domain's count, each on condition it is under its bound, and makes the case their latest;
 * folding adds to the bound's folded count and, for the mail that tells the team, marks the hour
 * noticed on condition nobody did. A failed condition means a racing mail changed the counts.
 */
export function floodCounterUpdates(tableName: string, counting: FloodCounting) {
  const { keys } = counting;
  const common = { '#type': 'type' };
  const base = { ':type': FLOOD_COUNTER_TYPE, ':one': 1, ':expires': (keys.hour + KEEP_HOURS) * 3600 };
  if (counting.kind === 'open') {
    const bound = (scope: FloodScope, who: string, limit: number) => ({
      Update: {
        TableName: tableName,
        Key: floodCounterKey(scope, who, keys.hour),
        UpdateExpression: 'ADD opened :one SET #type = :type, latestCase = :case, expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(opened) OR opened < :limit',
        ExpressionAttributeNames: common,
        ExpressionAttributeValues: { ...base, ':case': counting.caseNumber, ':limit': limit },
      },
    });
    return [
      bound('sender', keys.sender, counting.limits.newCasesPerSenderPerHour),
      ...(keys.domain === undefined ? [] : [bound('domain', keys.domain, counting.limits.newCasesPerDomainPerHour)]),
    ];
  }
  const who = counting.by === 'sender' ? keys.sender : keys.domain;
  if (who === undefined) throw new Error('A mail folded under the domain bound needs a bounded domain');
  return [
    {
      Update: {
        TableName: tableName,
        Key: floodCounterKey(counting.by, who, keys.hour),
        UpdateExpression: `ADD folded :one SET #type = :type, expiresAt = :expires${counting.notify ? ', noticed = :true' : ''}`,
        ...(counting.notify ? { ConditionExpression: 'attribute_not_exists(noticed)' } : {}),
        ExpressionAttributeNames: common,
        ExpressionAttributeValues: { ...base, ...(counting.notify ? { ':true': true } : {}) },
      },
    },
  ];
}
