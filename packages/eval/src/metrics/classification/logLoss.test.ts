import { logLoss } from './logLoss';

describe('logLoss', () => {
  it('is the mean negative log of the true class probability', () => {
    expect(logLoss(Int32Array.of(0, 1), Float64Array.of(0.8, 0.2, 0.4, 0.6), 2)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
  });

  it('clips a zero probability to eps instead of returning infinity', () => {
    expect(logLoss(Int32Array.of(1), Float64Array.of(1, 0), 2)).toBeCloseTo(-Math.log(1e-15), 12);
    expect(logLoss(Int32Array.of(1), Float64Array.of(1, 0), 2, 1e-7)).toBeCloseTo(-Math.log(1e-7), 12);
  });

  it('renormalises rows that do not sum to one', () => {
    expect(logLoss(Int32Array.of(0), Float64Array.of(0.2, 0.2), 2)).toBeCloseTo(Math.log(2), 15);
  });

  it('is (almost) 0 for a perfect three-class prediction', () => {
    expect(logLoss(Int32Array.of(0, 2), Float64Array.of(1, 0, 0, 0, 0, 1), 3)).toBeLessThan(1e-14);
  });
});
