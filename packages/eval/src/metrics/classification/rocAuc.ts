import { UndefinedMetricError } from '../../errors/errors';
import { messages } from '../../errors/messages';
import { thresholdCounts } from './lib/thresholdCounts';

/**
 * Binary ROC-AUC: the trapezoid area under the ROC curve whose points are (FPR, TPR) at every
 * distinct score, from (0, 0) (sklearn's roc_auc_score). Tied scores form one diagonal step, so a
 * positive/negative pair with equal scores counts ½. `yTrue` is 0/1, `scores` rank class 1 (higher =
 * more likely). `positive` treats `yTrue === positive` as the positive class (one-vs-rest).
 * Throws when yTrue holds one class only.
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>, positive?: number): number {
  const { tp, fp, positives, negatives } = thresholdCounts('rocAuc', yTrue, scores, positive);
  if (positives === 0 || negatives === 0) {
    throw new UndefinedMetricError('rocAuc', messages.oneClass('rocAuc', positives === 0 ? 0 : 1));
  }
  // Sum in counts and divide once: exact integers until the last step.
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let i = 0; i < tp.length; i++) {
    area += (fp[i]! - prevFp) * (tp[i]! + prevTp);
    prevTp = tp[i]!;
    prevFp = fp[i]!;
  }
  return area / (2 * positives * negatives);
}
