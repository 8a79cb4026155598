import { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn } from '@mlops/frame';
import type { CategoricalSummary, NumericSummary } from './ColumnSummary';
import { summarize } from './summarize';

describe('summarize: types', () => {
  it('narrows the summary by column type', () => {
    const numeric: NumericSummary = summarize(int32Column([1]));
    const categorical: CategoricalSummary = summarize(categoryColumn([0], ['a']));
    // @ts-expect-error a category column does not give a numeric summary
    const wrong: NumericSummary = summarize(categoryColumn([0], ['a']));
    expect([numeric.kind, categorical.kind, wrong.kind]).toEqual(['numeric', 'categorical', 'categorical']);
  });
});

describe('summarize: numeric', () => {
  it('matches pandas describe/std/quantile on a small float column with nulls', () => {
    // pandas 1.5: s = pd.Series([2, 4, 4, 4, 5, 5, 7, 9, None]); s.std() == 2.138089935299395
    const column = float64Column([2, 4, 4, NaN, 4, 5, 5, 7, 9], [0, 0, 0, 1, 0, 0, 0, 0, 0]);
    const summary = summarize(column, { histogramBins: 7 });
    expect(summary).toMatchObject({ kind: 'numeric', dtype: 'float64', count: 8, nullCount: 1, nullRate: 1 / 9, mean: 5, min: 2, max: 9 });
    expect(summary.std).toBe(2.138089935299395);
    expect(summary.quantiles).toEqual({ p01: 2.14, p05: 2.7, p25: 4, p50: 4.5, p75: 5.5, p95: 8.299999999999999, p99: 8.86 });
    expect(summary.histogram).toEqual({ edges: [2, 3, 4, 5, 6, 7, 8, 9], counts: [1, 0, 3, 2, 0, 1, 1] });
  });

  it('summarizes int32 columns without reading the 0 in null slots', () => {
    const summary = summarize(int32Column([10, 0, -10, 20], [0, 1, 0, 0]), { histogramBins: 3 });
    expect(summary).toMatchObject({ dtype: 'int32', count: 3, nullCount: 1, mean: 20 / 3, min: -10, max: 20 });
    expect(summary.std).toBeCloseTo(15.275252316519467, 14);
    expect(summary.quantiles.p50).toBe(10);
    expect(summary.histogram).toEqual({ edges: [-10, 0, 10, 20], counts: [1, 0, 2] });
  });

  it('uses null for every statistic of an all-null column', () => {
    const summary = summarize(float64Column([NaN, NaN], [1, 1]));
    expect(summary).toEqual({
      kind: 'numeric',
      dtype: 'float64',
      count: 0,
      nullCount: 2,
      nullRate: 1,
      mean: null,
      std: null,
      min: null,
      max: null,
      quantiles: { p01: null, p05: null, p25: null, p50: null, p75: null, p95: null, p99: null },
      histogram: { edges: [], counts: [] },
    });
  });

  it('gives std 0 and a ±0.5 histogram for a constant column, and null std for one value', () => {
    const constant = summarize(float64Column([0.1, 0.1, 0.1]), { histogramBins: 2 });
    expect(constant).toMatchObject({ mean: 0.1, std: 0, min: 0.1, max: 0.1 });
    // numpy.histogram([0.1] * 3, bins=2): edges [-0.4, 0.09999999999999998, 0.6], counts [0, 3].
    expect(constant.histogram).toEqual({ edges: [-0.4, 0.09999999999999998, 0.6], counts: [0, 3] });
    expect(summarize(float64Column([3])).std).toBeNull();
  });

  it('is accurate for large values with a small spread (no catastrophic cancellation)', () => {
    // Exact (fractions) mean and sample std of these doubles: 1000000000.25 and 0.12909941409387804.
    const summary = summarize(float64Column([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3, 1e9 + 0.4]));
    expect(summary.mean).toBe(1000000000.25);
    expect(summary.std! / 0.12909941409387804 - 1).toBeLessThan(1e-12);
  });

  it('counts an unmarked NaN as missing, like pandas isna()', () => {
    const summary = summarize(float64Column([1, NaN, 3]));
    expect(summary).toMatchObject({ count: 2, nullCount: 1, mean: 2 });
  });

  it('keeps infinities out of the JSON (null) and out of the histogram', () => {
    const summary = summarize(float64Column([-Infinity, 1, 2, 3, Infinity]), { histogramBins: 2 });
    expect(summary).toMatchObject({ count: 5, mean: null, std: null, min: null, max: null });
    expect(summary.quantiles.p50).toBe(2);
    expect(summary.histogram).toEqual({ edges: [1, 2, 3], counts: [1, 2] });
  });

  it('rejects bad options by name', () => {
    expect(() => summarize(float64Column([1]), { histogramBins: 0 })).toThrow('histogramBins: expected a positive integer, received 0');
    expect(() => summarize(float64Column([1]), { topK: -1 })).toThrow('topK: expected a non-negative integer, received -1');
  });
});

describe('summarize: categorical', () => {
  it('counts nulls and ranks values by count, then by value', () => {
    const column = categoryColumn([0, 1, -1, 2, 1, 0, 3, -1, 1], ['b', 'a', 'c', 'a2']);
    expect(summarize(column)).toEqual({
      kind: 'categorical',
      dtype: 'category',
      count: 7,
      nullCount: 2,
      nullRate: 2 / 9,
      distinct: 4,
      frequencies: [
        { value: 'a', count: 3 },
        { value: 'b', count: 2 },
        { value: 'a2', count: 1 },
        { value: 'c', count: 1 },
      ],
      otherCount: 0,
    });
  });

  it('truncates to topK, counts the rest, and merges repeated dictionary strings', () => {
    const column = categoryColumn([0, 1, 2, 2, 3, 4], ['x', 'y', 'z', 'x', 'unused-not-here']);
    const summary = summarize(column, { topK: 1 });
    expect(summary.frequencies).toEqual([{ value: 'x', count: 2 }]);
    expect(summary).toMatchObject({ distinct: 4, otherCount: 4, count: 6 });
    expect(summarize(categoryColumn([], ['never']))).toMatchObject({ distinct: 0, nullRate: 0, frequencies: [] });
  });
});

describe('summarize: timestamp and bool', () => {
  it('gives the earliest and latest instant as epoch ms', () => {
    const column = timestampColumn([Date.UTC(2024, 1, 1), NaN, Date.UTC(2020, 0, 1)], [0, 1, 0]);
    expect(summarize(column)).toEqual({
      kind: 'timestamp',
      dtype: 'timestamp',
      count: 2,
      nullCount: 1,
      nullRate: 1 / 3,
      min: Date.UTC(2020, 0, 1),
      max: Date.UTC(2024, 1, 1),
    });
    expect(summarize(timestampColumn([NaN], [1]))).toMatchObject({ min: null, max: null, count: 0 });
  });

  it('counts trues among present values', () => {
    expect(summarize(boolColumn([true, false, true, true], [0, 0, 0, 1]))).toEqual({
      kind: 'bool',
      dtype: 'bool',
      count: 3,
      nullCount: 1,
      nullRate: 0.25,
      trueCount: 2,
    });
  });

  it('summarizes a column whose sum overflows with its true mean and std, and null where the result is beyond float64', () => {
    const a = 1.7e308;
    const s = summarize(float64Column([a, a, 0])) as NumericSummary;
    expect(s.mean! / a).toBeCloseTo(2 / 3, 15);
    expect(s.std! / a).toBeCloseTo(1 / Math.sqrt(3), 15);
    expect((summarize(float64Column([a, -a])) as NumericSummary).std).toBeNull();
  });
});
