import { quantile } from './quantile';
import { quantiles } from './quantiles';
import { sortNonNaN } from './sortNonNaN';

// Expected values are numpy 1.24 `np.quantile(a, p)` (default method 'linear'), printed with repr.
const probs = [0, 0.01, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 0.99, 1];
const numpy: [number[], number[]][] = [
  [[1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
  [[1, 2], [1, 1.01, 1.1, 1.25, 1.333, 1.5, 1.75, 1.9, 1.99, 2]],
  [[3, 1, 2, 10], [1, 1.03, 1.3, 1.75, 1.999, 2.5, 4.75, 7.900000000000001, 9.79, 10]],
  [[0.5, -1.5, 7.25, 3, 100], [-1.5, -1.42, -0.7, 0.5, 1.33, 3, 7.25, 62.900000000000006, 96.28999999999999, 100]],
];

describe('quantile', () => {
  it.each(numpy)('matches numpy linear quantiles of %j bit for bit', (values, expected) => {
    const sorted = sortNonNaN(Float64Array.from(values));
    expect(probs.map((p) => quantile(sorted, p))).toEqual(expected);
    expect(quantiles(Float64Array.from(values), probs)).toEqual(expected);
  });

  it('ignores the NaNs a typed-array sort puts last', () => {
    const sorted = Float64Array.from([3, NaN, 1, NaN, 2]).sort();
    expect(quantile(sorted, 0.5)).toBe(2);
    expect(quantile(sorted, 1)).toBe(3);
  });

  it('gives NaN without values', () => {
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
    expect(quantile(Float64Array.from([NaN, NaN]), 0.5)).toBeNaN();
    expect(quantiles(Float64Array.from([NaN]), [0, 1])).toEqual([NaN, NaN]);
  });

  it('rejects probabilities outside [0, 1] by name', () => {
    expect(() => quantile(Float64Array.from([1]), 1.5)).toThrow('p: expected a probability in [0, 1], received 1.5');
    expect(() => quantiles(Float64Array.from([1]), [0.5, NaN])).toThrow('probs[1]: expected a probability in [0, 1], received NaN');
  });

  it('keeps infinities where numpy arithmetic would turn them into NaN', () => {
    const sorted = Float64Array.from([-Infinity, 1, 2, Infinity]);
    expect(quantile(sorted, 0)).toBe(-Infinity);
    expect(quantile(sorted, 1)).toBe(Infinity);
    expect(quantile(sorted, 1 / 3)).toBe(1);
  });
});

describe('quantiles', () => {
  it('skips NaNs and leaves its input untouched', () => {
    const values = Float64Array.from([5, NaN, 1, 4, NaN, 2, 3]);
    expect(quantiles(values, [0, 0.25, 0.5, 1])).toEqual([1, 2, 3, 5]);
    expect(Array.from(values)).toEqual([5, NaN, 1, 4, NaN, 2, 3]);
  });

  it('agrees with quantile on a sorted copy for random data with many ties', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [2, 3, 25, 26, 1000, 20_001]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * (n / 4)) - n / 8);
      const ps = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1, random()];
      const sorted = sortNonNaN(values);
      expect(quantiles(values, ps)).toEqual(ps.map((p) => quantile(sorted, p)));
    }
  });
});
