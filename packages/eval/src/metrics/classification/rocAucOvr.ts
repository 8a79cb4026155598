import { checkProba } from './lib/checkProba';
import { probaColumn } from './probaColumn';
import { rocAuc } from './rocAuc';

/**
 * Multiclass ROC-AUC, one-vs-rest, macro: the mean over classes c of the binary ROC-AUC of
 * "class c vs the rest" scored by `proba[:, c]` (sklearn's roc_auc_score with multi_class='ovr',
 * average='macro'). `proba` is row-major rows × nClasses. Throws when a class is absent from yTrue.
 */
export function rocAucOvr(yTrue: ArrayLike<number>, proba: ArrayLike<number>, nClasses: number): number {
  checkProba('rocAucOvr', yTrue, proba, nClasses);
  let sum = 0;
  for (let c = 0; c < nClasses; c++) sum += rocAuc(yTrue, probaColumn(proba, nClasses, c), c);
  return sum / nClasses;
}
