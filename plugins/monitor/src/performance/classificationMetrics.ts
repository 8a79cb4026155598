import { accuracy, precisionRecallF1 } from '@mlops/eval';
import { brierScore, expectedCalibrationError } from './calibration';
import { descendingOrder, weightedRocAuc } from './weightedRocAuc';

/** Realized metrics of a classifier on labelled rows; a metric undefined on these rows is null. */
export interface ClassificationMetrics {
  accuracy: number;
  /** Binary: F1 of the positive class (`classes[1]`); multiclass: macro F1. */
  f1: number;
  /** Binary ROC-AUC, or macro one-vs-rest; null when a class has no labelled row. */
  rocAuc: number | null;
  /** Binary: sklearn's `brier_score_loss`; multiclass: mean squared distance to the one-hot label. */
  brier: number;
  /** Top-label expected calibration error, 10 equal-width bins. */
  ece: number;
}

/**
 * Accuracy and F1 from `@mlops/eval` (sklearn's definitions), ROC-AUC as sklearn's `roc_auc_score`
 * (macro one-vs-rest for k > 2), and calibration. `labels` and `predicted` are class indexes,
 * `proba` is row-major n × k.
 */
export function classificationMetrics(labels: Int32Array, predicted: Int32Array, proba: Float64Array, k: number): ClassificationMetrics {
  const n = labels.length;
  const prf = precisionRecallF1(labels, predicted, k);
  const correct = new Uint8Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    correct[i] = labels[i] === predicted[i] ? 1 : 0;
    let top = 0;
    for (let c = 0; c < k; c++) top = Math.max(top, proba[i * k + c]!);
    confidence[i] = top;
  }
  return {
    accuracy: accuracy(labels, predicted),
    f1: k === 2 ? prf.perClass[1]!.f1 : prf.macro.f1,
    rocAuc: rocAucOf(proba, k, (i, c) => (labels[i] === c ? 1 : 0)),
    brier: k === 2 ? brierScore(labels, proba, 2) / 2 : brierScore(labels, proba, k),
    ece: expectedCalibrationError(correct, confidence),
  };
}

/**
 * ROC-AUC (binary on class 1's probability, else macro one-vs-rest) with row i counted positive for
 * class c with weight `positive(i, c)`: 0/1 for realized labels, calibrated probabilities for CBPE.
 * Null when a class has no positive or no negative weight.
 */
export function rocAucOf(proba: Float64Array, k: number, positive: (i: number, c: number) => number, orders?: Int32Array[]): number | null {
  const n = proba.length / k;
  const classes = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  let total = 0;
  for (const c of classes) {
    const scores = column(proba, k, c, n);
    const auc = weightedRocAuc(scores, (i) => positive(i, c), orders?.[c] ?? descendingOrder(scores));
    if (Number.isNaN(auc)) return null;
    total += auc;
  }
  return total / classes.length;
}

/** Column c of a row-major n × k matrix. */
export function column(proba: Float64Array, k: number, c: number, n = proba.length / k): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = proba[i * k + c]!;
  return out;
}
