import { describe, expect, it } from '@jest/globals';
import type { MetricFamily } from '@mlops/core';
import { combineProcessFamilies } from './clusterSource';

const written = (value: number, labels?: Record<string, string>): MetricFamily => ({ name: 'x_rows_total', help: 'rows', type: 'counter', perProcess: 'sum', samples: [{ value, ...(labels ? { labels } : {}) }] });
const lag = (value: number): MetricFamily => ({ name: 'x_lag_seconds', help: 'lag', type: 'gauge', perProcess: 'max', samples: [{ value }] });
const drift = (value: number): MetricFamily => ({ name: 'x_drift', help: 'drift', type: 'gauge', samples: [{ labels: { column: 'a' }, value }] });

describe('combineProcessFamilies (a cluster primary and its workers)', () => {
  it('sums per-process counters, takes the largest lag, and serves shared families once from the primary', () => {
    const primary = [written(0), lag(0), drift(0.25)];
    // Workers answer per-process families only; a shared family from a worker is ignored.
    const workers = [[written(569), lag(1.5)], [written(6), lag(0.2), drift(9)]];
    expect(combineProcessFamilies(primary, workers)).toEqual([
      { ...written(0), samples: [{ value: 575 }] },
      { ...lag(0), samples: [{ value: 1.5 }] },
      drift(0.25),
    ]);
  });

  it('combines series by their labels in any order, and keeps a series only one process has', () => {
    const a = written(2, { model: 'm', version: '1' });
    const b = written(3, { version: '1', model: 'm' });
    const c = written(7, { model: 'm', version: '2' });
    const [family] = combineProcessFamilies([a], [[b, c]]);
    expect(family!.samples).toEqual([{ labels: { model: 'm', version: '1' }, value: 5 }, { labels: { model: 'm', version: '2' }, value: 7 }]);
  });

  it('adds per-process families the primary does not have (a worker-only source)', () => {
    expect(combineProcessFamilies([], [[written(1)], [written(2)]])).toEqual([{ ...written(1), samples: [{ value: 3 }] }]);
  });
});
