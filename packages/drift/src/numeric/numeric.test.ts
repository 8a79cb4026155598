import { binCountsSorted, psiEpsilon, psiFromCounts, quantileEdges } from './psi';
import { binCounts, psi } from './psiUnsorted';
import { populationStd, wasserstein, wassersteinNormalisedSorted } from './wasserstein';

describe('wasserstein', () => {
  it('equals the shift for a translated sample and 0 for identical ones', () => {
    expect(wasserstein([0, 1, 3], [5, 6, 8])).toBe(5);
    expect(wasserstein([3, 1, 0], [0, 1, 3])).toBe(0);
  });

  it('integrates |F_a − F_b|: [0] vs [1, 2] is 1·1 + 1·0.5', () => {
    expect(wasserstein([0], [1, 2])).toBe(1.5);
    expect(wasserstein([1, 2], [0])).toBe(1.5);
  });

  it('handles 1e300 magnitudes and drops NaN', () => {
    expect(wasserstein([1e300, 2e300, NaN], [3e300, 4e300])).toBeCloseTo(2e300, -285);
  });

  it('normalises by the population std of the reference, floored at 0.001 (Evidently)', () => {
    const ref = Float64Array.from([0, 1, 3]);
    const std = Math.sqrt(((0 - 4 / 3) ** 2 + (1 - 4 / 3) ** 2 + (3 - 4 / 3) ** 2) / 3);
    expect(populationStd(ref)).toBeCloseTo(std, 14);
    expect(wassersteinNormalisedSorted(ref, Float64Array.from([5, 6, 8]))).toBeCloseTo(5 / std, 12);
    expect(wassersteinNormalisedSorted(Float64Array.from([2, 2]), Float64Array.from([3]))).toBeCloseTo(1000, 9);
    expect(populationStd(Float64Array.from([-1e300, 1e300]))).toBe(1e300);
  });
});

describe('PSI', () => {
  const ref = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  it('bins by reference quantiles (numpy linear), edges deduplicated, outer bins open', () => {
    expect(Array.from(quantileEdges(ref, 2))).toEqual([5.5]);
    expect(Array.from(quantileEdges(ref, 4))).toEqual([3.25, 5.5, 7.75]);
    expect(Array.from(quantileEdges(Float64Array.from([4, 4, 4]), 10))).toEqual([4]);
    expect(Array.from(binCountsSorted(Float64Array.from([-100, 3.25, 5.5, 100]), quantileEdges(ref, 4)))).toEqual([1, 1, 1, 1]);
  });

  it('is Σ (c − r)·ln(c/r) over shares, 0 for identical, symmetric, epsilon for empty bins', () => {
    const r = [5, 5];
    expect(psiFromCounts(r, [8, 2])).toBeCloseTo(0.3 * Math.log(0.8 / 0.5) + -0.3 * Math.log(0.2 / 0.5), 14);
    expect(psiFromCounts(r, [50, 50])).toBe(0);
    expect(psiFromCounts([8, 2], r)).toBeCloseTo(psiFromCounts(r, [8, 2]), 14);
    expect(psiFromCounts(r, [10, 0])).toBeCloseTo(0.5 * Math.log(2) + (psiEpsilon - 0.5) * Math.log(psiEpsilon / 0.5), 12);
  });

  it('gives the same bins and value without sorting (psi)', () => {
    const cur = Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 10, 10, NaN]);
    const r = psi(Float64Array.from([...ref, NaN]), cur, 2);
    expect(Array.from(r.edges)).toEqual([5.5]);
    expect(Array.from(r.currentCounts)).toEqual([8, 2]);
    expect(r.statistic).toBeCloseTo(psiFromCounts([5, 5], [8, 2]), 15);
    expect(() => psi(Float64Array.from([NaN]), cur)).toThrow('reference: expected at least one non-null value');
  });

  it('bins unsorted values like the sorted path, with few edges and with many', () => {
    const values = Float64Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 3001) / 100 - 15);
    const sorted = Float64Array.from(values).sort();
    for (const count of [9, 40]) {
      const edges = Float64Array.from({ length: count }, (_, k) => -15 + (30 * (k + 1)) / (count + 1));
      expect(Array.from(binCounts(values, edges))).toEqual(Array.from(binCountsSorted(sorted, edges)));
    }
  });
});
