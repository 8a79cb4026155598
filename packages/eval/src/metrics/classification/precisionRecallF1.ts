import { confusionMatrix } from './confusionMatrix';

/** Precision, recall, F1 and support of one class or one average. */
export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose true class is this one (for an average: all rows). */
  support: number;
}

/** Result of {@link precisionRecallF1}. */
export interface PrecisionRecallF1 {
  /** Indexed by class. */
  perClass: PrfScores[];
  /** Unweighted mean over all `nClasses` classes, present or not. */
  macro: PrfScores;
  /** Mean weighted by each class's support. */
  weighted: PrfScores;
}

/**
 * Per-class precision tp/(tp+fp), recall tp/(tp+fn) and F1 2·p·r/(p+r), with sklearn's
 * `zero_division=0`: a ratio whose denominator is 0 counts as 0 (e.g. precision of a class never
 * predicted). Macro and weighted averages as sklearn's `precision_recall_fscore_support` with
 * `labels=range(nClasses)`; macro F1 is the mean of per-class F1, not F1 of the mean p and r.
 */
export function precisionRecallF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): PrecisionRecallF1 {
  const matrix = confusionMatrix(yTrue, yPred, nClasses);
  const perClass = matrix.map((row, c) => {
    const tp = row[c]!;
    const support = row.reduce((s, v) => s + v, 0);
    const predicted = matrix.reduce((s, r) => s + r[c]!, 0);
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support };
  });
  const n = yTrue.length;
  const average = (weight: (s: PrfScores) => number, total: number): PrfScores => {
    const mean = (key: 'precision' | 'recall' | 'f1') =>
      total === 0 ? 0 : perClass.reduce((s, c) => s + weight(c) * c[key], 0) / total;
    return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1'), support: n };
  };
  return { perClass, macro: average(() => 1, nClasses), weighted: average((c) => c.support, n) };
}
