import { checkLabels } from './lib/checkLabels';

/**
 * `nClasses × nClasses` counts: `matrix[t][p]` = rows of true class `t` predicted as `p`
 * (rows are truth, columns predictions, as sklearn's confusion_matrix with labels 0..C-1).
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): number[][] {
  checkLabels('confusionMatrix', yTrue, yPred, nClasses);
  const matrix = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) matrix[yTrue[i]!]![yPred[i]!]!++;
  return matrix;
}
