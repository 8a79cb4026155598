import { moments } from './moments';

describe('moments', () => {
  it('keeps the mean exact where a naive sum loses it', () => {
    // 1e16 + 1 + 1 − 1e16: a naive left-to-right sum gives 0, the true sum is 2.
    const m = moments(Float64Array.from([1e16, 1, 1, -1e16]));
    expect(m.sum).toBe(2);
    expect(m.mean).toBe(0.5);
  });

  it('computes the sample variance (ddof = 1), NaN below two values', () => {
    expect(moments(Float64Array.from([1, 2, 3, 4])).variance).toBeCloseTo(5 / 3, 15);
    expect(moments(Float64Array.from([7])).variance).toBeNaN();
    expect(moments(new Float64Array(0))).toMatchObject({ count: 0, mean: NaN });
  });

  it('returns an infinite mean instead of NaN when values are infinite', () => {
    expect(moments(Float64Array.from([1, Infinity])).mean).toBe(Infinity);
    expect(moments(Float64Array.from([-Infinity, Infinity])).mean).toBeNaN();
  });
});

describe('moments at the edges of float64', () => {
  const a = 1.7e308;
  /** Relative closeness, for results whose magnitude toBeCloseTo's absolute digits cannot express. */
  const expectRelative = (actual: number, expected: number, tolerance = 1e-15) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tolerance);

  it('gives the mean and std of values whose sum overflows, not the maximum', () => {
    const m = moments(Float64Array.from([a, a, 0]));
    expect(m.sum).toBe(Infinity);
    expectRelative(m.mean, (a / 3) * 2);
    // Deviations a/3, a/3, −2a/3: Σd² = 2a²/3, over n − 1 = 2 gives a²/3.
    expectRelative(m.std, a / Math.sqrt(3));
    expect(m.variance).toBe(Infinity);
  });

  it('keeps values of both signs near the limits apart', () => {
    const m = moments(Float64Array.from([1e308, -1e308, 1e308, -1e308]));
    expect(m.mean).toBe(0);
    // Every deviation is ±1e308: Σd² = 4e616, over 3.
    expectRelative(m.std, 1e308 * Math.sqrt(4 / 3));
    // A std beyond float64 is Infinity, not a wrong finite number.
    expect(moments(Float64Array.from([a, -a])).std).toBe(Infinity);
  });

  it('gives the std of subnormals that a direct square would flush to 0', () => {
    const tiny = 2 ** -1074;
    const m = moments(Float64Array.from([tiny, 2 * tiny, 3 * tiny]));
    expect(m.mean).toBe(2 * tiny);
    expect(m.std).toBe(tiny);
    expect(m.min).toBe(tiny);
  });

  it('handles one value and no values', () => {
    expect(moments(Float64Array.from([a]))).toMatchObject({ count: 1, mean: a, std: NaN });
    expect(moments(Float64Array.from([-5e-324]))).toMatchObject({ count: 1, mean: -5e-324, std: NaN });
    expect(moments(new Float64Array(0))).toMatchObject({ count: 0, mean: NaN, std: NaN });
  });

  it('agrees with the direct path on ordinary data', () => {
    const m = moments(Float64Array.from([1, 2, 3, 4]));
    expect(m.std).toBe(Math.sqrt(m.variance));
    expect(m.variance).toBeCloseTo(5 / 3, 15);
  });

  it('keeps many huge values at their mean', () => {
    const values = new Float64Array(1001).fill(1.5e308);
    values[1000] = 1.6e308;
    expectRelative(moments(values).mean, 1.5e308 + 1e307 / 1001);
  });
});
