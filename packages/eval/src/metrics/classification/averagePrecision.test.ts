import { averagePrecision } from './averagePrecision';

describe('averagePrecision', () => {
  it('sums precision at each recall step (sklearn doc example: 0.8333…)', () => {
    // 0.8 (pos): R ½, P 1; 0.4 (neg): R unchanged; 0.35 (pos): R 1, P ⅔ → ½·1 + ½·⅔.
    expect(averagePrecision(Int32Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8))).toBeCloseTo(5 / 6, 15);
  });

  it('takes tied scores as one step', () => {
    // 0.5 (pos + neg): R ½, P ½; 0.1 (pos): R 1, P ⅔ → ¼ + ⅓.
    expect(averagePrecision(Int32Array.of(1, 0, 1), Float64Array.of(0.5, 0.5, 0.1))).toBeCloseTo(7 / 12, 15);
  });

  it('is 1 for a perfect ranking and the step-wise value (not the trapezoid) for the worst', () => {
    expect(averagePrecision(Int32Array.of(0, 1, 1), Float64Array.of(0.1, 0.8, 0.9))).toBe(1);
    // Worst: the negative first, then both positives: R 0→1 at P ⅔ only.
    expect(averagePrecision(Int32Array.of(0, 1, 1), Float64Array.of(0.9, 0.2, 0.1))).toBeCloseTo(0.5 * 0.5 + 0.5 * (2 / 3), 15);
  });

  it('treats `positive` as the class against the rest', () => {
    expect(averagePrecision(Int32Array.of(2, 0, 1), Float64Array.of(0.9, 0.2, 0.1), 2)).toBe(1);
  });

  it('throws without positives', () => {
    expect(() => averagePrecision(Int32Array.of(0, 0), Float64Array.of(0.1, 0.2))).toThrow(
      'averagePrecision is undefined when yTrue holds no positive (class 1) row',
    );
  });
});
