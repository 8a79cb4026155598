import { checkValues } from './lib/checkValues';

/** Root mean squared error √((1/n) Σ (yTrueᵢ − yPredᵢ)²). */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkValues('rmse', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i]! - yPred[i]!) ** 2;
  return Math.sqrt(sum / yTrue.length);
}
