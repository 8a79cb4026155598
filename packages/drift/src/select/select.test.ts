import { boolColumn, categoryColumn, float64Column, Frame, int32Column } from '@mlops/frame';
import { columnDrift } from './columnDrift';
import { datasetDrift } from './datasetDrift';
import { PreparedSamples } from './PreparedSamples';

const range = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

describe('default test selection', () => {
  it('numeric: KS up to 1000 reference values, normalised Wasserstein above', () => {
    expect(columnDrift('x', float64Column(range(1000, (i) => i)), float64Column(range(50, (i) => i)))).toMatchObject({ kind: 'numeric', test: 'ks', method: 'exact', testSource: 'default' });
    expect(columnDrift('x', float64Column(range(1001, (i) => i)), float64Column(range(50, (i) => i)))).toMatchObject({ kind: 'numeric', test: 'wasserstein_norm', pValue: null });
  });

  it('few distinct numeric values are categories; bool and two categories are binary', () => {
    const few = int32Column(range(100, (i) => i % 3));
    expect(columnDrift('x', few, few)).toMatchObject({ kind: 'categorical', test: 'chisquare', statistic: 0, pValue: 1, drifted: false });
    const bools = boolColumn(range(100, (i) => i % 2));
    expect(columnDrift('b', bools, bools)).toMatchObject({ kind: 'binary', test: 'ztest', pValue: 1 });
    const cat = categoryColumn(range(3000, (i) => i % 4), ['a', 'b', 'c', 'd']);
    expect(columnDrift('c', cat, cat)).toMatchObject({ kind: 'categorical', test: 'jensenshannon', statistic: 0, drifted: false });
  });
});

describe('thresholds', () => {
  const ref = float64Column(range(200, (i) => i));
  const cur = float64Column(range(200, (i) => i + 15));

  it('column > test > default', () => {
    expect(columnDrift('x', ref, cur)).toMatchObject({ threshold: 0.05, thresholdSource: 'default' });
    expect(columnDrift('x', ref, cur, { thresholds: { ks: 0.01 } })).toMatchObject({ threshold: 0.01, thresholdSource: 'test' });
    expect(columnDrift('x', ref, cur, { thresholds: { ks: 0.01 }, columns: { x: { threshold: 0.2 } } })).toMatchObject({ threshold: 0.2, thresholdSource: 'column' });
  });

  it('p-value tests drift when p < threshold, distances when statistic ≥ threshold', () => {
    const r = columnDrift('x', ref, cur);
    expect(r.statistic).toBeCloseTo(15 / 200, 15);
    expect(r.drifted).toBe((r.pValue as number) < 0.05);
    const psi = columnDrift('x', ref, cur, { columns: { x: { test: 'psi', threshold: 0 } } });
    expect(psi).toMatchObject({ test: 'psi', testSource: 'column', drifted: true });
  });

  it('rejects a test that cannot apply and a unit-less default for raw Wasserstein', () => {
    expect(() => columnDrift('x', ref, cur, { columns: { x: { test: 'ztest' } } })).toThrowErrorMatchingInlineSnapshot(`"columns.x.test: expected a test for a numeric numeric column, received "ztest""`);
    expect(() => columnDrift('x', ref, cur, { columns: { x: { test: 'wasserstein' } } })).toThrow(/thresholds.wasserstein: expected a threshold for column x/);
    const raw = columnDrift('x', ref, cur, { columns: { x: { test: 'wasserstein', threshold: 10 } } });
    expect(raw.statistic).toBeCloseTo(15, 10);
    expect(raw.drifted).toBe(true);
    expect(() => columnDrift('x', ref, cur, { thresholds: { kss: 1 } as never })).toThrow('thresholds.kss: expected a test name');
  });
});

describe('edge cases', () => {
  it('nulls and NaNs are excluded and counted; an empty side is skipped, not drifted', () => {
    const r = columnDrift('x', float64Column([1, NaN, 3, 4, 5, 6, 7]), int32Column([1, 2, 3], [0, 1, 0]));
    expect(r).toMatchObject({ referenceCount: 6, referenceNulls: 1, currentCount: 2, currentNulls: 1 });
    const empty = columnDrift('x', float64Column([1, 2, 3]), float64Column([NaN, NaN]));
    expect(empty).toMatchObject({ statistic: null, pValue: null, drifted: false, skipped: 'the current has no non-null values (2 null/NaN excluded)' });
  });

  it('constant columns and a single value', () => {
    const c = float64Column([4, 4, 4, 4, 4, 4]);
    expect(columnDrift('x', c, c)).toMatchObject({ kind: 'binary', test: 'ztest', pValue: 1, drifted: false });
    expect(columnDrift('x', c, float64Column([9]), { columns: { x: { test: 'ks' } } })).toMatchObject({ statistic: 1, pValue: 2 / 7 });
  });

  it('category columns are compared by value, whatever their dictionaries', () => {
    const ref = categoryColumn([0, 1, 2, 0, 1, 2], ['a', 'b', 'c']);
    const cur = categoryColumn([2, 1, 0, 2, 1, 0], ['c', 'b', 'a']);
    expect(columnDrift('c', ref, cur)).toMatchObject({ statistic: 0, pValue: 1 });
  });
});

describe('datasetDrift', () => {
  it('drifts when the share of drifted columns reaches driftShare', () => {
    const ref = Frame.fromColumns({ a: float64Column(range(300, (i) => i)), b: float64Column(range(300, (i) => i)), c: float64Column(range(300, (i) => i)) });
    const cur = Frame.fromColumns({ a: float64Column(range(300, (i) => i + 200)), b: float64Column(range(300, (i) => i)), c: float64Column(range(300, (i) => i + 1)) });
    const r = datasetDrift(ref, cur);
    expect(r.columns.map((c) => c.drifted)).toEqual([true, false, false]);
    expect(r).toMatchObject({ evaluated: 3, driftedCount: 1, share: 1 / 3, driftShare: 0.5, drifted: false });
    expect(datasetDrift(ref, cur, { driftShare: 0.3 }).drifted).toBe(true);
    expect(() => datasetDrift(ref, cur, { names: ['zz'] })).toThrow('reference.zz: expected a column of the reference, received "no such column"');
    // A reference prepared once gives the same results for every window.
    const prepared = PreparedSamples.from(ref);
    expect(datasetDrift(prepared, cur)).toEqual(r);
    expect(datasetDrift(prepared, PreparedSamples.from(cur, ['a']), { names: ['a'] }).columns[0]).toEqual(r.columns[0]);
  });
});
