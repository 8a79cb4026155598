import { describe, expect, it } from '@jest/globals';
import { batchSize, sharedJobIds } from './RunStore';

describe('batch dispatch sizing', () => {
  it('gives every live slot work, in a multiple of the slots, at most `max` steps per job', () => {
    expect(batchSize(80, 1, 16)).toBe(16); // 5 jobs
    expect(batchSize(80, 2, 16)).toBe(14); // 6 jobs: 3 per worker
    expect(batchSize(80, 4, 16)).toBe(10); // 8 jobs: 2 per worker
    expect(batchSize(40, 3, 16)).toBe(14); // 3 jobs: 14, 13, 13
    // Fewer jobs than slots would leave a worker idle: 4 steps on 3 slots go as 4 jobs, 6 on 4 as 6.
    expect(batchSize(4, 3, 16)).toBe(1);
    expect(batchSize(6, 4, 16)).toBe(1);
    expect(batchSize(10, 4, 16)).toBe(3); // 4 jobs: 3, 3, 2, 2
    expect(batchSize(6, 3, 16)).toBe(2);
    expect(batchSize(2, 8, 16)).toBe(1);
    expect(batchSize(1000, 2, 16)).toBe(15); // 67 jobs: 16 a job would make 63, fewer than the 64 planned
  });

  it('falls back to one step per job when the slots are unknown, for one ready step, or with max 1', () => {
    expect(batchSize(80, 0, 16)).toBe(1);
    expect(batchSize(1, 4, 16)).toBe(1);
    expect(batchSize(80, 4, 1)).toBe(1);
  });

  it('shares job ids among consecutive steps, in ceil(n / perJob) jobs as even as can be', () => {
    const sizes = (ids: string[]) => [...ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>()).values()].sort((a, b) => a - b);
    const ids = sharedJobIds(7, 3);
    expect(ids).toHaveLength(7);
    expect(sizes(ids)).toEqual([2, 2, 3]);
    expect(sizes(sharedJobIds(40, 14))).toEqual([13, 13, 14]);
    expect(sizes(sharedJobIds(80, 14))).toEqual([13, 13, 13, 13, 14, 14]);
    expect(sizes(sharedJobIds(80, 16))).toEqual([16, 16, 16, 16, 16]);
    expect(new Set(sharedJobIds(5, 1)).size).toBe(5);
    expect(sharedJobIds(0, 4)).toEqual([]);
  });
});
