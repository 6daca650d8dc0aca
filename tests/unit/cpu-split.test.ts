import { describe, expect, it } from 'vitest';
import { timedDependencies, type CpuSplit } from '../../bench/cpu-split.ts';

/** A clock a test moves by hand: each dependency call below moves it by what it "spends". */
let now = 0;
const clock = () => now;

class Store {
  readonly #rows = new Map<string, number>([['a', 1]]);
  readonly suppressions = { find: async (spend: number) => (now += spend) };

  async read(key: string, spend: number): Promise<number | undefined> {
    await Promise.resolve();
    now += spend;
    return this.#rows.get(key);
  }

  forOneMail(): Store {
    now += 0.5;
    return this;
  }

  rows(): Map<string, number> {
    return this.#rows;
  }
}

describe("the bench's CPU split by dependency call", () => {
  it('adds each call to its dependency and method, its private state and results intact', async () => {
    // Prepare
    let split: CpuSplit = {};
    const deps = timedDependencies({ store: new Store(), settings: { limit: 3 } }, ['store'], () => split, clock);

    // Act
    const found = await deps.store.read('a', 2);
    await deps.store.read('b', 1);
    const copy = deps.store.forOneMail();
    await copy.read('a', 4);
    await deps.store.suppressions.find(3);
    const rows = deps.store.rows();
    const first = split;
    split = {};
    await deps.store.read('a', 7);

    // Assess
    expect(found).toBe(1);
    expect(rows).toBeInstanceOf(Map);
    expect(deps.settings).toEqual({ limit: 3 });
    expect(first).toEqual({ 'store.read': 7, 'store.forOneMail': 0.5, 'store.find': 3, 'store.rows': 0 });
    expect(split).toEqual({ 'store.read': 7 });
  });
});
