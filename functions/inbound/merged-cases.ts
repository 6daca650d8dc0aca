import { MAX_MERGED_CASES } from '../core/case-merge.ts';
import type { SupportCase } from '../core/support-case.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';

/**
 * Where mail naming a merged case goes: the case it was merged into, or that one's survivor in
 * turn. Reads the survivors not yet in `cases` into it, and returns each merged case's final
 * survivor by number. A chain is at most MAX_MERGED_CASES long (a survivor holds no more), so the
 * walk ends.
 */
export async function followMerges(
  cases: Map<number, SupportCase>,
  deps: Pick<InboundDependencies, 'cases'>,
): Promise<Map<number, number>> {
  const survivors = new Map<number, number>();
  for (let hop = 0; hop < MAX_MERGED_CASES; hop++) {
    const missing = [...cases.values()]
      .flatMap((c) => (c.mergedInto === undefined ? [] : [c.mergedInto]))
      .filter((n) => !cases.has(n));
    if (missing.length === 0) break;
    for (const [n, c] of await deps.cases.getCases(missing)) cases.set(n, c);
  }
  for (const start of cases.keys()) {
    let current = start;
    for (let hop = 0; hop < MAX_MERGED_CASES; hop++) {
      const next = cases.get(current)?.mergedInto;
      if (next === undefined || !cases.has(next)) break;
      current = next;
    }
    if (current !== start) survivors.set(start, current);
  }
  return survivors;
}
