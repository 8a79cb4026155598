import { kolmogorovSf } from './kolmogorovSf';
import { ksTwoSample } from './ksTwoSample';

// Exact p-values below are counted by hand: P(D ≥ d) is the share of the C(n1+n2, n1) orderings of
// the pooled sample whose ECDF gap reaches d.
describe('ksTwoSample', () => {
  it('disjoint samples: D = 1 and only the two "all of one side first" orderings reach it', () => {
    expect(ksTwoSample([1, 2, 3], [4, 5, 6])).toEqual({ statistic: 1, pValue: 2 / 20, method: 'exact', n1: 3, n2: 3 });
    expect(ksTwoSample([1, 2], [3, 4, 5])).toMatchObject({ statistic: 1, pValue: 2 / 10 });
    expect(ksTwoSample([1], [2])).toMatchObject({ statistic: 1, pValue: 1 });
  });

  it('equal sizes by the reflection principle: n = 4, D ≥ 1/2 is 2·(C(8,2) − C(8,0))/C(8,4)', () => {
    const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]);
    expect(r.statistic).toBe(0.5);
    expect(r.pValue).toBeCloseTo((2 * (28 - 1)) / 70, 14);
  });

  it('identical samples: D = 0, p = 1; ties are evaluated after the whole run of equal values', () => {
    expect(ksTwoSample([1, 2, 2, 3], [3, 2, 1, 2])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(ksTwoSample([1, 1, 2], [1, 2, 2]).statistic).toBeCloseTo(1 / 3, 15);
    expect(ksTwoSample([5, 5, 5], [5, 5]).statistic).toBe(0);
  });

  it('is symmetric, drops NaN, and rejects an empty side by name', () => {
    const a = [0.1, 0.5, 0.9, 1.3, NaN];
    const b = [0.2, 0.4, 2, 3, 4, 5];
    const ab = ksTwoSample(a, b);
    const ba = ksTwoSample(b, a);
    expect(ab.statistic).toBe(ba.statistic);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 14);
    expect(ab.n1).toBe(4);
    expect(() => ksTwoSample([NaN, NaN], [1])).toThrow('reference: expected at least one non-null value, received 2 null/NaN value(s) and nothing else');
  });

  it('uses the asymptotic distribution above 10 000 values, as scipy does', () => {
    const a = Float64Array.from({ length: 10_001 }, (_, i) => i);
    const b = Float64Array.from({ length: 500 }, (_, i) => i * 20 + 0.5);
    expect(ksTwoSample(a, b).method).toBe('asymp');
    expect(ksTwoSample(a, b, 'exact').method).toBe('exact');
    expect(ksTwoSample(a.subarray(0, 10_000), b).method).toBe('exact');
  });

  it('only sees the order of values: 1e300 magnitudes give the same result as small ones', () => {
    const small = ksTwoSample([1, 2, 3, 7], [4, 5, 6]);
    const huge = ksTwoSample([1e300, 2e300, 3e300, 7e300], [4e300, 5e300, 6e300]);
    expect(huge).toEqual(small);
  });
});

describe('kolmogorovSf (kstwo.sf)', () => {
  it('n = 1: D is uniform on [1/2, 1], so P(D ≥ x) = 2 − 2x', () => {
    expect(kolmogorovSf(1, 0.75)).toBeCloseTo(0.5, 14);
    expect(kolmogorovSf(1, 0.4)).toBe(1);
    expect(kolmogorovSf(1, 1)).toBe(0);
  });

  it('approaches the Kolmogorov limit 2Σ(−1)^{k−1}e^{−2k²z²} for large n', () => {
    const limit = (z: number) => 2 * [1, 2, 3, 4, 5].reduce((s, k) => s + (-1) ** (k - 1) * Math.exp(-2 * k * k * z * z), 0);
    for (const n of [2000, 200_000]) {
      for (const z of [0.6, 1, 1.36]) expect(Math.abs(kolmogorovSf(n, z / Math.sqrt(n)) - limit(z))).toBeLessThan(2 / Math.sqrt(n));
    }
  });

  it('is monotone in x across the method boundaries', () => {
    // Fine steps where the regions meet (n·x² = 0.75, 2.2, 4; n·x^1.5 = 1.4), coarse beyond.
    for (const [n, step, end] of [[10, 0.002, 1], [140, 0.002, 1], [141, 0.002, 1], [5000, 0.0005, 0.05], [150_000, 0.0004, 0.012]]) {
      let previous = 1;
      for (let x = step; x < end; x += step) {
        const p = kolmogorovSf(n, x);
        expect(p).toBeLessThanOrEqual(previous + 1e-9);
        previous = p;
      }
    }
  });
});
