import { describe, expect, it } from '@jest/globals';
import { asOfLookup, type StagedIndex } from './StagedIndex';

// Key 0: times 10, 20, 30 (source rows 5, 3, 9); key 1: no rows; key 2: time 15 (row 0).
const index: StagedIndex = { start: Int32Array.from([0, 3, 3, 4]), ts: Float64Array.from([10, 20, 30, 15]), row: Int32Array.from([5, 3, 9, 0]) };
const lookup = (codes: number[], times: number[], ttl: number | null) => Array.from(asOfLookup(index, Int32Array.from(codes), Float64Array.from(times), ttl));

describe('asOfLookup', () => {
  it('picks the newest time at or before t within the key, -1 before the first', () => {
    expect(lookup([0, 0, 0, 0, 0, 0], [9, 10, 19.5, 20, 30, 1e9], null)).toEqual([-1, 5, 5, 3, 9, 9]);
  });

  it('never crosses into another key, and a key without rows, code -1 or a NaN time match nothing', () => {
    expect(lookup([2, 2, 1, -1, 0], [14, 100, 100, 100, NaN], null)).toEqual([-1, 0, -1, -1, -1]);
  });

  it('keeps a match exactly ttl old and drops an older one', () => {
    expect(lookup([0, 0, 2], [25, 25.5, 20], 5)).toEqual([3, -1, 0]);
  });
});
