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
