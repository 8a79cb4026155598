import { checkValues } from './lib/checkValues';

/** Mean absolute error (1/n) Σ |yTrueᵢ − yPredᵢ|. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkValues('mae', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i]! - yPred[i]!);
  return sum / yTrue.length;
}
