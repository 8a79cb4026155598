import { assertClassIndices, assertFinite, assertSameLength } from '../../../errors/assertArguments';
import { UndefinedMetricError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';

/** Cumulative true and false positives at each distinct score, from the highest score down. */
export interface ThresholdCounts {
  tp: Float64Array;
  fp: Float64Array;
  positives: number;
  negatives: number;
}

/**
 * Sweeps the threshold over the distinct scores (descending, as sklearn's `_binary_clf_curve`):
 * all rows tied at one score enter together, which is how ties get half credit in ROC-AUC.
 * `yTrue` must be 0/1 (or `positive` vs the rest when `positive` is given).
 */
export function thresholdCounts(metric: string, yTrue: ArrayLike<number>, scores: ArrayLike<number>, positive?: number): ThresholdCounts {
  assertSameLength('yTrue', yTrue.length, 'scores', scores.length);
  if (yTrue.length === 0) throw new UndefinedMetricError(metric, messages.empty(metric));
  if (positive === undefined) assertClassIndices('yTrue', yTrue, 2);
  assertFinite('scores', scores);
  const isPos = (i: number) => (positive === undefined ? yTrue[i] === 1 : yTrue[i] === positive);
  const order = Int32Array.from({ length: yTrue.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const tp: number[] = [];
  const fp: number[] = [];
  let t = 0;
  let f = 0;
  for (let k = 0; k < order.length; k++) {
    if (isPos(order[k]!)) t++;
    else f++;
    const last = k === order.length - 1 || scores[order[k + 1]!] !== scores[order[k]!];
    if (last) {
      tp.push(t);
      fp.push(f);
    }
  }
  return { tp: Float64Array.from(tp), fp: Float64Array.from(fp), positives: t, negatives: f };
}
