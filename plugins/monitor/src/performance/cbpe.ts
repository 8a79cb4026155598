import { fitIsotonic, predictIsotonic, type IsotonicFit } from './isotonic';
import { classificationMetrics, column, rocAucOf } from './classificationMetrics';
import { descendingOrder } from './weightedRocAuc';
import { inputError } from './PerformanceError';

/**
 * What CBPE learned from reference data (predictions with known labels, e.g. the validation set or
 * a labelled period of the log): for each class, an isotonic map from the model's probability to the
 * observed frequency of that class. Plain JSON, so it can be stored next to a model version.
 */
export interface CbpeCalibration {
  kind: 'cbpe-isotonic';
  classes: string[];
  /** Binary: one map, of class 1's probability. Multiclass: one per class (one-vs-rest), renormalised per row. */
  maps: IsotonicFit[];
  /** Reference rows the maps were fitted on. */
  referenceRows: number;
  /**
   * How far the estimate missed on reference rows it was not fitted on (2-fold cross-fit: fit on one
   * half, estimate the other, largest |estimate − realized| per metric). A finite reference makes an
   * imperfect calibration; the validity check adds this to its tolerance so it is not taken for drift.
   */
  referenceGap: EstimatedMetrics;
}

/** The metrics CBPE estimates. */
export interface EstimatedMetrics {
  accuracy: number;
  f1: number;
  rocAuc: number | null;
}

/**
 * Fits the calibration on reference rows: `proba` row-major n × k, `labels` class indexes.
 * Throws when a class never occurs (its map would say it never happens).
 */
export function fitCbpe(proba: Float64Array, labels: Int32Array, classes: readonly string[]): CbpeCalibration {
  const maps = fitMaps(proba, labels, classes);
  return { kind: 'cbpe-isotonic', classes: [...classes], maps, referenceRows: labels.length, referenceGap: crossFitGap(proba, labels, classes) };
}

function fitMaps(proba: Float64Array, labels: Int32Array, classes: readonly string[]): IsotonicFit[] {
  const k = classes.length;
  const n = labels.length;
  if (k < 2) throw inputError(`CBPE needs a classifier with at least 2 classes, received ${k}`);
  if (proba.length !== n * k) throw inputError(`CBPE reference: ${n} labels but ${proba.length} probabilities (expected ${n} × ${k})`);
  const fitClass = (c: number) => {
    const hits = Float64Array.from(labels, (y) => (y === c ? 1 : 0));
    if (!hits.some((h) => h === 1)) throw inputError(`CBPE reference has no row of class "${classes[c]}": the calibration would say it never happens`);
    return fitIsotonic(column(proba, k, c, n), hits);
  };
  return k === 2 ? [fitClass(1)] : classes.map((_, c) => fitClass(c));
}

/** Largest |estimate − realized| per metric when each half of the reference is estimated by a fit on the other half. */
function crossFitGap(proba: Float64Array, labels: Int32Array, classes: readonly string[]): EstimatedMetrics {
  const k = classes.length;
  const gap: EstimatedMetrics = { accuracy: 0, f1: 0, rocAuc: 0 };
  const halves = [0, 1].map((h) => Int32Array.from({ length: labels.length }, (_, i) => i).filter((i) => i % 2 === h));
  for (const [fitOn, testOn] of [[halves[0]!, halves[1]!], [halves[1]!, halves[0]!]] as const) {
    let maps: IsotonicFit[];
    try {
      maps = fitMaps(rowsOf(proba, k, fitOn), Int32Array.from(fitOn, (i) => labels[i]!), classes);
    } catch {
      continue; // A class missing from a half (a tiny reference): no gap measured from it.
    }
    const p = rowsOf(proba, k, testOn);
    const y = Int32Array.from(testOn, (i) => labels[i]!);
    const predicted = argmaxRows(p, k);
    const estimate = expectedMetrics(calibrate({ kind: 'cbpe-isotonic', classes: [...classes], maps, referenceRows: 0, referenceGap: gap }, p), p, predicted, k);
    const realized = classificationMetrics(y, predicted, p, k);
    gap.accuracy = Math.max(gap.accuracy, Math.abs(estimate.accuracy - realized.accuracy));
    gap.f1 = Math.max(gap.f1, Math.abs(estimate.f1 - realized.f1));
    if (estimate.rocAuc !== null && realized.rocAuc !== null) gap.rocAuc = Math.max(gap.rocAuc!, Math.abs(estimate.rocAuc - realized.rocAuc));
  }
  return gap;
}

function rowsOf(matrix: Float64Array, k: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * k);
  rows.forEach((r, j) => out.set(matrix.subarray(r * k, r * k + k), j * k));
  return out;
}

function argmaxRows(proba: Float64Array, k: number): Int32Array {
  const out = new Int32Array(proba.length / k);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c]! > proba[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Calibrated probabilities (row-major n × k, rows summing to 1) for the model's probabilities. */
export function calibrate(calibration: CbpeCalibration, proba: Float64Array): Float64Array {
  const k = calibration.classes.length;
  const n = proba.length / k;
  const out = new Float64Array(proba.length);
  for (let i = 0; i < n; i++) {
    if (k === 2) {
      const q = predictIsotonic(calibration.maps[0]!, proba[i * 2 + 1]!);
      out[i * 2] = 1 - q;
      out[i * 2 + 1] = q;
      continue;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[i * k + c] = predictIsotonic(calibration.maps[c]!, proba[i * k + c]!);
    // All maps at 0 (possible at extreme inputs): fall back to the model's own probabilities.
    for (let c = 0; c < k; c++) out[i * k + c] = sum > 0 ? out[i * k + c]! / sum : proba[i * k + c]!;
  }
  return out;
}

/**
 * Expected accuracy, F1 and ROC-AUC given calibrated probabilities `q` (the chance each row belongs
 * to each class) and the model's predictions: the expected confusion matrix is
 * E[cm[t][p]] = Σ_{i: predicted p} q_it, and F1 is taken from it (binary: of class 1; else macro);
 * ROC-AUC ranks rows by the model's probability with fractional positives q.
 */
export function expectedMetrics(q: Float64Array, proba: Float64Array, predicted: Int32Array, k: number, orders?: Int32Array[]): EstimatedMetrics {
  const n = predicted.length;
  const cm = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < n; i++) for (let t = 0; t < k; t++) cm[t]![predicted[i]!]! += q[i * k + t]!;
  return { accuracy: diagonal(cm) / n, f1: f1Of(cm, k), rocAuc: rocAucOf(proba, k, (i, c) => q[i * k + c]!, orders) };
}

/** Rankings of the model's probabilities per class, shared by every metric computed on one window. */
export function classOrders(proba: Float64Array, k: number): Int32Array[] {
  return Array.from({ length: k }, (_, c) => (k === 2 && c === 0 ? new Int32Array(0) : descendingOrder(column(proba, k, c))));
}

function diagonal(cm: Float64Array[]): number {
  return cm.reduce((s, row, c) => s + row[c]!, 0);
}

/** F1 from a (possibly fractional) confusion matrix: of class 1 when binary, else the macro mean. */
export function f1Of(cm: Float64Array[], k: number): number {
  const f1 = (c: number) => {
    const tp = cm[c]![c]!;
    let fp = 0;
    let fn = 0;
    for (let o = 0; o < k; o++) {
      if (o === c) continue;
      fp += cm[o]![c]!;
      fn += cm[c]![o]!;
    }
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  if (k === 2) return f1(1);
  let total = 0;
  for (let c = 0; c < k; c++) total += f1(c);
  return total / k;
}
