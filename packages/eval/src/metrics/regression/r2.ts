import { checkValues } from './lib/checkValues';

/**
 * Coefficient of determination 1 − SS_res / SS_tot, SS_res = Σ (yᵢ − ŷᵢ)², SS_tot = Σ (yᵢ − ȳ)².
 * When yTrue is constant (SS_tot = 0) it is 1 for a perfect prediction and 0 otherwise, as
 * sklearn's r2_score with force_finite=True. Negative when worse than predicting the mean.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkValues('r2', yTrue, yPred);
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += yTrue[i]!;
  mean /= yTrue.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < yTrue.length; i++) {
    res += (yTrue[i]! - yPred[i]!) ** 2;
    tot += (yTrue[i]! - mean) ** 2;
  }
  if (tot === 0) return res === 0 ? 1 : 0;
  return 1 - res / tot;
}
