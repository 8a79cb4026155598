import { mulberry32 } from '@mlops/eval';
import { expectedMetrics, f1Of, type EstimatedMetrics } from './cbpe';
import { classOrders } from './cbpe';
import { rocAucOf } from './classificationMetrics';

/** One metric's estimate against what the labels showed, on the labelled rows of a window. */
export interface EstimateCheck {
  metric: keyof EstimatedMetrics;
  /** CBPE's estimate on the labelled rows only (the realized value's own rows). */
  estimated: number | null;
  realized: number | null;
  difference: number | null;
  /** Largest |difference| the check allows: max(minTolerance, 3 × the metric's spread when the calibration holds + the calibration's reference gap). */
  tolerance: number | null;
  ok: boolean;
}

export interface CheckOptions {
  /** Floor of every tolerance (absolute). */
  minTolerance: number;
  /** Label draws simulated to measure how much a realized metric varies when the calibration holds. */
  draws: number;
  seed: number;
  /**
   * Most labelled rows the draws use (default 10,000): beyond, a seeded random subset is drawn and
   * each spread scaled by √(subset / rows) (a metric's spread shrinks as 1/√rows), so the check
   * costs the same on 10,000 labels as on a million.
   */
  maxSimulatedRows?: number;
}

/**
 * Whether the estimate still describes the model: on the labelled rows, realized accuracy, F1 and
 * ROC-AUC must lie within a tolerance of CBPE's estimate on those same rows. The tolerance is
 * measured, not guessed: labels are drawn `draws` times from the calibrated probabilities (what the
 * labels would look like if the reference calibration still held) and each metric's standard
 * deviation over the draws, times 3, plus the calibration's own error on held-out reference rows
 * (`referenceGap`), bounds the honest disagreement (floored at `minTolerance`). A
 * larger gap means P(label | confidence) changed: concept drift, and the estimate is invalid.
 */
export function checkEstimate(q: Float64Array, proba: Float64Array, predicted: Int32Array, labels: Int32Array, realized: EstimatedMetrics, k: number, options: CheckOptions, referenceGap?: EstimatedMetrics): EstimateCheck[] {
  const orders = classOrders(proba, k);
  const estimated = expectedMetrics(q, proba, predicted, k, orders);
  const random = mulberry32(options.seed);
  const all = labels.length;
  const limit = options.maxSimulatedRows ?? 10_000;
  if (all > limit) {
    // A seeded partial Fisher–Yates picks the subset; its rows keep their columns.
    const pick = Int32Array.from({ length: all }, (_, i) => i);
    for (let i = 0; i < limit; i++) {
      const j = i + Math.floor(random() * (all - i));
      [pick[i], pick[j]] = [pick[j]!, pick[i]!];
    }
    const rows = pick.subarray(0, limit);
    q = gather(q, k, rows);
    proba = gather(proba, k, rows);
    predicted = Int32Array.from(rows, (r) => predicted[r]!);
  }
  const scale = Math.sqrt(Math.min(all, limit) / all);
  const simOrders = all > limit ? classOrders(proba, k) : orders;
  const n = predicted.length;
  const drawn = new Int32Array(n);
  const samples: Record<keyof EstimatedMetrics, number[]> = { accuracy: [], f1: [], rocAuc: [] };
  for (let s = 0; s < options.draws; s++) {
    const cm = Array.from({ length: k }, () => new Float64Array(k));
    let hits = 0;
    for (let i = 0; i < n; i++) {
      let u = random();
      let c = 0;
      while (c < k - 1 && u >= q[i * k + c]!) u -= q[i * k + c++]!;
      drawn[i] = c;
      cm[c]![predicted[i]!]!++;
      if (c === predicted[i]) hits++;
    }
    samples.accuracy.push(hits / n);
    samples.f1.push(f1Of(cm, k));
    const auc = rocAucOf(proba, k, (i, c) => (drawn[i] === c ? 1 : 0), simOrders);
    if (auc !== null) samples.rocAuc.push(auc);
  }
  return (['accuracy', 'f1', 'rocAuc'] as const).map((metric) => {
    const e = estimated[metric];
    const r = realized[metric];
    const sd = standardDeviation(samples[metric]);
    const spread = sd === null ? null : sd * scale;
    if (e === null || r === null || spread === null) return { metric, estimated: e, realized: r, difference: null, tolerance: null, ok: true };
    const tolerance = Math.max(options.minTolerance, 3 * spread + (referenceGap?.[metric] ?? 0));
    const difference = r - e;
    return { metric, estimated: e, realized: r, difference, tolerance, ok: Math.abs(difference) <= tolerance };
  });
}

function gather(matrix: Float64Array, k: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * k);
  rows.forEach((r, j) => out.set(matrix.subarray(r * k, r * k + k), j * k));
  return out;
}

function standardDeviation(values: number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}
