import { inputError } from './PerformanceError';

/**
 * Calibration of predicted probabilities against labels. Binary Brier score as sklearn's
 * `brier_score_loss` (mean squared difference between P(class 1) and the 0/1 label); the multiclass
 * Brier score is the mean over rows of the squared distance between the probability row and the
 * one-hot label (twice the binary value when k = 2). Expected calibration error (ECE) compares
 * top-label confidence with accuracy in equal-width bins.
 */

/** Multiclass Brier score: mean over rows of Σ_c (p_ic − [y_i = c])². `labels` are class indexes. */
export function brierScore(labels: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  const n = labels.length;
  if (n === 0) throw inputError('brierScore: no rows');
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const d = proba[i * k + c]! - (labels[i] === c ? 1 : 0);
      total += d * d;
    }
  }
  return total / n;
}

/** Binary Brier score (sklearn's `brier_score_loss`): mean of (P(class 1) − y)², y in {0, 1}. */
export function binaryBrierScore(labels: ArrayLike<number>, proba: ArrayLike<number>): number {
  return brierScore(labels, proba, 2) / 2;
}

/**
 * Expected calibration error of top-label confidence: Σ_b (n_b / n)·|accuracy_b − confidence_b| over
 * `bins` equal-width bins. Bins are cut exactly as sklearn's `calibration_curve(strategy='uniform')`
 * (edges `linspace(0, 1 + 1e-8, bins + 1)`, a value on an inner edge goes to the lower bin), so the
 * per-bin means are sklearn's `prob_true` / `prob_pred`.
 */
export function expectedCalibrationError(correct: ArrayLike<number>, confidence: ArrayLike<number>, bins = 10): number {
  const n = correct.length;
  if (n === 0) throw inputError('expectedCalibrationError: no rows');
  const count = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const inner = Array.from({ length: bins - 1 }, (_, j) => ((j + 1) * (1 + 1e-8)) / bins);
  for (let i = 0; i < n; i++) {
    const p = confidence[i]!;
    // searchsorted(inner, p, side='left'): inner edges strictly below p.
    let b = Math.min(bins - 1, Math.max(0, Math.floor((p * bins) / (1 + 1e-8))));
    while (b > 0 && inner[b - 1]! >= p) b--;
    while (b < bins - 1 && inner[b]! < p) b++;
    count[b]!++;
    hits[b]! += correct[i]!;
    conf[b]! += p;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) ece += Math.abs(hits[b]! - conf[b]!) / n;
  return ece;
}
