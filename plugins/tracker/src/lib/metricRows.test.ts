import { describe, expect, it } from '@jest/globals';
import { latestPerKey, metricRows } from './metricRows';

describe('metricRows', () => {
  it('fills in step 0 and the timestamp, and stores NaN as null', () => {
    expect(metricRows('r', [{ key: 'a', value: NaN }, { key: 'b', value: -Infinity, step: 3, timestamp: 7 }], 100)).toEqual([
      { run_id: 'r', key: 'a', value: null, step: 0, timestamp: 100 },
      { run_id: 'r', key: 'b', value: -Infinity, step: 3, timestamp: 7 },
    ]);
  });

  it('keeps one latest point per key: highest step, then latest timestamp, then the last logged', () => {
    const rows = metricRows('r', [
      { key: 'a', value: 1, step: 2, timestamp: 5 },
      { key: 'a', value: 2, step: 1, timestamp: 9 },
      { key: 'a', value: 3, step: 2, timestamp: 5 },
      { key: 'b', value: 4, step: 0, timestamp: 1 },
      { key: 'b', value: 5, step: 0, timestamp: 2 },
    ], 0);
    expect(latestPerKey(rows).map((r) => [r.key, r.value])).toEqual([['a', 3], ['b', 5]]);
  });
});
