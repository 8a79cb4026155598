import { UndefinedMetricError } from '../../errors/errors';
import { rocAuc } from './rocAuc';
import { rocAucOvr } from './rocAucOvr';

describe('rocAuc', () => {
  it('matches the hand-counted share of correctly ordered positive/negative pairs', () => {
    // Pairs (pos, neg): (0.35, 0.1) ✓ (0.35, 0.4) ✗ (0.8, 0.1) ✓ (0.8, 0.4) ✓ → 3/4.
    expect(rocAuc(Int32Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8))).toBe(0.75);
  });

  it('gives half credit to a positive and a negative with the same score', () => {
    // (0.5, 0.5) tie → ½, (0.5, 0.2) ✓, (0.9, 0.5) ✓, (0.9, 0.2) ✓ → 3.5/4.
    expect(rocAuc(Int32Array.of(0, 1, 0, 1), Float64Array.of(0.5, 0.5, 0.2, 0.9))).toBe(0.875);
    expect(rocAuc(Int32Array.of(0, 1, 0, 1), Float64Array.of(0.3, 0.3, 0.3, 0.3))).toBe(0.5);
  });

  it('is 1 for a perfect ranking and 0 for the reversed one', () => {
    const y = Int32Array.of(0, 0, 1, 1, 1);
    expect(rocAuc(y, Float64Array.of(0.1, 0.2, 0.7, 0.8, 0.9))).toBe(1);
    expect(rocAuc(y, Float64Array.of(0.9, 0.8, 0.3, 0.2, 0.1))).toBe(0);
  });

  it('throws by name when yTrue holds one class only', () => {
    expect(() => rocAuc(Int32Array.of(1, 1), Float64Array.of(0.2, 0.3))).toThrow(UndefinedMetricError);
    expect(() => rocAuc(Int32Array.of(1, 1), Float64Array.of(0.2, 0.3))).toThrow(
      'rocAuc is undefined when yTrue holds only class 1: it needs both positives and negatives',
    );
  });

  it('rejects NaN scores and labels other than 0/1', () => {
    expect(() => rocAuc(Int32Array.of(0, 1), Float64Array.of(0.2, NaN))).toThrow('scores[1]: expected a finite number, received NaN');
    expect(() => rocAuc(Int32Array.of(0, 2), Float64Array.of(0.2, 0.3))).toThrow('yTrue[1]: expected a class index in [0, 1], received 2');
  });
});

describe('rocAucOvr', () => {
  it('averages the one-vs-rest AUC of every class', () => {
    // class 0: 1; class 1: pos 0.5 vs 0.3, 0.2, 0.6 → 2/3; class 2: pos 0.3 vs 0.1, 0.5, 0.3 (tie) → 1.5/3.
    const proba = Float64Array.of(0.6, 0.3, 0.1, 0.3, 0.2, 0.5, 0.2, 0.5, 0.3, 0.1, 0.6, 0.3);
    expect(rocAucOvr(Int32Array.of(0, 0, 1, 2), proba, 3)).toBeCloseTo((1 + 2 / 3 + 0.5) / 3, 15);
  });

  it('is 1 when every row puts its highest probability on its class', () => {
    expect(rocAucOvr(Int32Array.of(0, 1, 2), Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 3)).toBe(1);
  });

  it('checks the shape of proba', () => {
    expect(() => rocAucOvr(Int32Array.of(0, 1, 2), Float64Array.of(1, 0, 0), 3)).toThrow(
      'proba: expected rows × classes = 3 × 3 = 9 values, received 3',
    );
  });
});
