import { describe, expect, it } from 'vitest';
import { threadCpuUsage } from '../../bench/process-cpu.ts';

const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

describe("the bench's thread CPU clock", () => {
  it('counts a short busy stretch as it ran, not in whole scheduler ticks', () => {
    // Prepare: spin for 2 ms of wall time without sleeping, so no context switch updates the clock
    const before = ms(threadCpuUsage());
    const until = performance.now() + 2;
    let spins = 0;
    while (performance.now() < until) spins++;

    // Act
    const spent = ms(threadCpuUsage()) - before;

    // Assess: about 2 ms (a stale clock reads 0 or a whole 4 ms tick); less if the thread was descheduled
    expect(spins).toBeGreaterThan(0);
    expect(spent).toBeGreaterThan(0.1);
    expect(spent).toBeLessThan(3);
  });
});
