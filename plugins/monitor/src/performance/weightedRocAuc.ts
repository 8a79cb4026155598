import { argsortDescending } from './argsort';

/**
 * ROC-AUC where each row is positive with weight `w` and negative with weight `1 − w`: with 0/1
 * weights it is the ordinary ROC-AUC (trapezoids over distinct scores, ties one diagonal step, as
 * sklearn); with calibrated probabilities it is CBPE's expected ROC-AUC. `order` (row indexes by
 * descending score) may be passed when many weightings share one ranking. NaN when one side is empty.
 */
export function weightedRocAuc(scores: ArrayLike<number>, positive: (i: number) => number, order: Int32Array = descendingOrder(scores)): number {
  let tp = 0;
  let fp = 0;
  let prevTp = 0;
  let prevFp = 0;
  let area = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    const w = positive(i);
    tp += w;
    fp += 1 - w;
    // Close a step only where the score changes (ties form one diagonal step).
    if (j === order.length - 1 || scores[order[j + 1]!] !== scores[i]) {
      area += (fp - prevFp) * (tp + prevTp);
      prevTp = tp;
      prevFp = fp;
    }
  }
  return tp > 0 && fp > 0 ? area / (2 * tp * fp) : NaN;
}

/** Row indexes sorted by descending score. */
export function descendingOrder(scores: ArrayLike<number>): Int32Array {
  return argsortDescending(scores);
}
