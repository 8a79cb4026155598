import type { ModelSignature } from '@mlops/core';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import type { FeedbackStore } from '../feedback/FeedbackStore';
import { calibrate, expectedMetrics, type CbpeCalibration, type EstimatedMetrics } from './cbpe';
import { checkEstimate, type EstimateCheck } from './checkEstimate';
import { classificationMetrics, type ClassificationMetrics } from './classificationMetrics';
import { readLabelledWindow, type LabelledWindow, type WindowQuery } from './readLabelledWindow';
import { regressionMetrics, type RegressionMetrics } from './regressionMetrics';
import { inputError } from './PerformanceError';

/** What `windowPerformance` needs besides the window: the model's task and classes, and optionally CBPE's calibration. */
export interface WindowPerformanceOptions extends WindowQuery {
  signature: Pick<ModelSignature, 'task' | 'classes'>;
  /** Fitted on reference data (`fitCbpe`, `fitCbpeFromLog`); without it there is no estimate. */
  calibration?: CbpeCalibration;
  /** Labelled rows needed before realized metrics are compared with the estimate (default 100). */
  minLabels?: number;
  /** Floor of the estimate-vs-realized tolerance (default 0.02). */
  minTolerance?: number;
  /** Label draws for the tolerance (default 200) and their seed (default 1). */
  draws?: number;
  seed?: number;
}

/** A flag a report or an alert rule can switch on; `message` says it in words. */
export interface PerformanceFlag {
  code: 'concept_drift' | 'no_labels' | 'few_labels' | 'no_estimate' | 'invalid_labels' | 'unmatched_labels' | 'empty_window';
  message: string;
}

/** Plain JSON: realized metrics (labelled rows), CBPE's estimate (all rows), whether the estimate holds, and flags. */
export interface WindowPerformance {
  model: string;
  version: number | null;
  window: { since: number | null; until: number | null; servedFrom: number | null; servedUntil: number | null };
  task: ModelSignature['task'];
  rows: number;
  labelled: number;
  /** labelled / rows (0 for an empty window). */
  labelCoverage: number;
  realized: { kind: 'realized'; rows: number; metrics: ClassificationMetrics | RegressionMetrics } | null;
  estimated: { kind: 'estimate'; method: 'CBPE'; note: string; rows: number; referenceRows: number; metrics: EstimatedMetrics; valid: boolean | null } | null;
  /** Estimate vs realized on the labelled rows; `status` unchecked while labels are too few. */
  validity: { status: 'valid' | 'invalid' | 'unchecked'; checks: EstimateCheck[] };
  flags: PerformanceFlag[];
}

const estimateNote = 'estimated from prediction confidences calibrated on reference data (CBPE); not measured, and wrong under concept drift';

/**
 * Performance of one model over one window of its prediction log, with the labels that have joined
 * so far. Classifiers: realized accuracy, F1, ROC-AUC, Brier and ECE on the labelled rows; with a
 * calibration, CBPE's estimate of accuracy, F1 and ROC-AUC on every row (labelled or not), checked
 * against the realized values once `minLabels` labels have joined. Regressors: realized MAE, RMSE, R².
 */
export async function windowPerformance(sql: SqlStoreHandle, feedback: FeedbackStore, options: WindowPerformanceOptions): Promise<WindowPerformance> {
  const { signature } = options;
  const w = await readLabelledWindow(sql, feedback, options, signature);
  const flags: PerformanceFlag[] = [];
  const labelled = w.labelledRows.length;
  const minLabels = options.minLabels ?? 100;
  if (w.rows === 0) flags.push({ code: 'empty_window', message: `no logged predictions of ${options.model} in the window` });
  else if (labelled === 0) flags.push({ code: 'no_labels', message: 'no label has joined this window yet: realized metrics wait for feedback' });
  else if (labelled < minLabels) flags.push({ code: 'few_labels', message: `${labelled} labelled rows, fewer than ${minLabels}: realized metrics are noisy and the estimate is not checked yet` });
  if (w.invalidLabels) flags.push({ code: 'invalid_labels', message: `${w.invalidLabels} labels are ${w.task === 'regression' ? 'not finite numbers' : `not classes of the model (${w.classes.join(', ')})`}, e.g. ${JSON.stringify(w.invalidExample)}; left out` });
  if (w.unmatchedLabels) flags.push({ code: 'unmatched_labels', message: `${w.unmatchedLabels} labels name a row beyond their request's rows; left out` });
  const result: WindowPerformance = {
    model: options.model,
    version: options.version ?? null,
    window: { since: options.since ?? null, until: options.until ?? null, servedFrom: w.servedFrom, servedUntil: w.servedUntil },
    task: w.task,
    rows: w.rows,
    labelled,
    labelCoverage: w.rows ? labelled / w.rows : 0,
    realized: null,
    estimated: null,
    validity: { status: 'unchecked', checks: [] },
    flags,
  };
  if (w.task === 'regression') {
    if (labelled) result.realized = { kind: 'realized', rows: labelled, metrics: regressionMetrics(w.labels, pick(w.predicted, w.labelledRows)) };
    return result;
  }
  const k = w.classes.length;
  const predicted = Int32Array.from(w.predicted);
  const labelledProba = pickRows(w.proba, k, w.labelledRows);
  const labelledPredicted = Int32Array.from(pick(w.predicted, w.labelledRows));
  const labels = Int32Array.from(w.labels);
  if (labelled) result.realized = { kind: 'realized', rows: labelled, metrics: classificationMetrics(labels, labelledPredicted, labelledProba, k) };
  const calibration = options.calibration;
  if (!calibration) {
    if (w.rows) flags.push({ code: 'no_estimate', message: 'no CBPE calibration given (fit one on reference predictions with labels): no estimate before labels land' });
    return result;
  }
  if (calibration.classes.join('\u0000') !== w.classes.join('\u0000')) throw inputError(`the CBPE calibration is for classes ${JSON.stringify(calibration.classes)}, the model has ${JSON.stringify(w.classes)}`);
  if (w.rows === 0) return result;
  const q = calibrate(calibration, w.proba);
  result.estimated = { kind: 'estimate', method: 'CBPE', note: estimateNote, rows: w.rows, referenceRows: calibration.referenceRows, metrics: expectedMetrics(q, w.proba, predicted, k), valid: null };
  if (labelled >= minLabels && result.realized) {
    const m = result.realized.metrics as ClassificationMetrics;
    const checks = checkEstimate(pickRows(q, k, w.labelledRows), labelledProba, labelledPredicted, labels, { accuracy: m.accuracy, f1: m.f1, rocAuc: m.rocAuc }, k, { minTolerance: options.minTolerance ?? 0.02, draws: options.draws ?? 200, seed: options.seed ?? 1 }, calibration.referenceGap);
    const failed = checks.filter((c) => !c.ok);
    result.validity = { status: failed.length ? 'invalid' : 'valid', checks };
    result.estimated.valid = failed.length === 0;
    for (const c of failed) {
      flags.push({ code: 'concept_drift', message: `realized ${c.metric} ${c.realized!.toFixed(3)} differs from the estimate ${c.estimated!.toFixed(3)} by ${c.difference!.toFixed(3)} (tolerance ${c.tolerance!.toFixed(3)} at ${labelled} labels): P(label | confidence) moved away from the reference, so the estimate is invalid` });
    }
  }
  return result;
}

function pick(values: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => values[r]!);
}

function pickRows(matrix: Float64Array, k: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * k);
  rows.forEach((r, j) => out.set(matrix.subarray(r * k, r * k + k), j * k));
  return out;
}

export type { LabelledWindow };
