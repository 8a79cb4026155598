import { checkProba } from './lib/checkProba';

/**
 * Mean cross-entropy −(1/n) Σᵢ ln p̂(i, yTrueᵢ), as sklearn's log_loss: every probability is first
 * clipped to [eps, 1 − eps] and each row renormalised to sum to 1, so a confident mistake costs
 * −ln(eps) instead of infinity. `eps` defaults to 1e-15, the value sklearn used up to 1.2's
 * deprecation of it (1.2's own default is 'auto' = 2.2e-16); pass `eps` to match either.
 */
export function logLoss(yTrue: ArrayLike<number>, proba: ArrayLike<number>, nClasses: number, eps = 1e-15): number {
  checkProba('logLoss', yTrue, proba, nClasses);
  const clip = (p: number) => Math.min(Math.max(p, eps), 1 - eps);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    let rowSum = 0;
    for (let c = 0; c < nClasses; c++) rowSum += clip(proba[i * nClasses + c]!);
    sum -= Math.log(clip(proba[i * nClasses + yTrue[i]!]!) / rowSum);
  }
  return sum / yTrue.length;
}
