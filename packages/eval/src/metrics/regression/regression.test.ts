import { mae } from './mae';
import { r2 } from './r2';
import { rmse } from './rmse';

const yTrue = Float64Array.of(1, 2, 3, 4);
const yPred = Float64Array.of(1, 2, 3, 5);

describe('regression metrics', () => {
  it('match hand-computed values', () => {
    expect(rmse(yTrue, yPred)).toBe(0.5);
    expect(mae(yTrue, yPred)).toBe(0.25);
    // SS_res = 1, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5.
    expect(r2(yTrue, yPred)).toBeCloseTo(0.8, 15);
  });

  it('r2 is 1 when perfect, 0 for the mean, negative when worse, and finite on constant truth', () => {
    expect(r2(yTrue, yTrue)).toBe(1);
    expect(r2(yTrue, Float64Array.of(2.5, 2.5, 2.5, 2.5))).toBe(0);
    expect(r2(yTrue, Float64Array.of(4, 3, 2, 1))).toBe(-3);
    expect(r2(Float64Array.of(2, 2), Float64Array.of(2, 2))).toBe(1);
    expect(r2(Float64Array.of(2, 2), Float64Array.of(2, 3))).toBe(0);
  });

  it('rejects NaN', () => {
    expect(() => rmse(Float64Array.of(1), Float64Array.of(NaN))).toThrow('yPred[0]: expected a finite number, received NaN');
  });
});
