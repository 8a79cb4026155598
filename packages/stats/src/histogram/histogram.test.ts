import { histogram } from './histogram';

// Expected values are numpy 1.24 `np.histogram(a, bins)`, edges printed with repr.
describe('histogram', () => {
  it('closes only the last bin', () => {
    expect(histogram(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5)).toEqual({
      edges: [0, 2, 4, 6, 8, 10],
      counts: [2, 2, 2, 2, 3],
    });
    expect(histogram(Float64Array.from([1, 2, 2, 3, 10]), 3)).toEqual({ edges: [1, 4, 7, 10], counts: [4, 0, 1] });
  });

  it('computes edges like numpy.linspace and bins values on rounded edges like numpy', () => {
    expect(histogram(Float64Array.from([0.1, 0.2, 0.3, 0.7]))).toEqual({
      edges: [
        0.1, 0.13, 0.16, 0.19, 0.22, 0.25, 0.28, 0.31, 0.33999999999999997, 0.37, 0.4, 0.42999999999999994,
        0.45999999999999996, 0.49, 0.52, 0.5499999999999999, 0.58, 0.61, 0.64, 0.6699999999999999, 0.7,
      ],
      counts: [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    });
    // 0.2 lies just below the rounded edge 0.20000000000000018, so it stays in bin 5.
    expect(histogram(Float64Array.from([-1, 0, 0.1, 0.2, 0.30000000000000004, 1]), 10)).toEqual({
      edges: [-1, -0.8, -0.6, -0.3999999999999999, -0.19999999999999996, 0, 0.20000000000000018, 0.40000000000000013, 0.6000000000000001, 0.8, 1],
      counts: [1, 0, 0, 0, 0, 3, 1, 0, 0, 1],
    });
  });

  it('widens a single value by ±0.5, skips NaNs, and is empty without finite values', () => {
    expect(histogram(Float64Array.from([5, NaN, 5]), 4)).toEqual({ edges: [4.5, 4.75, 5, 5.25, 5.5], counts: [0, 0, 2, 0] });
    expect(histogram(Float64Array.from([NaN, Infinity]))).toEqual({ edges: [], counts: [] });
  });

  it('rejects a bin count below 1', () => {
    expect(() => histogram(Float64Array.from([1]), 0)).toThrow('bins: expected a positive integer, received 0');
    expect(() => histogram(Float64Array.from([1]), 2.5)).toThrow('bins: expected a positive integer, received 2.5');
  });
});
