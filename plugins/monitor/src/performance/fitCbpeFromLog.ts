import type { ModelSignature } from '@mlops/core';
import type { SqlStoreHandle } from '@mlops/sql-metadata';
import type { FeedbackStore } from '../feedback/FeedbackStore';
import { fitCbpe, type CbpeCalibration } from './cbpe';
import { readLabelledWindow, type WindowQuery } from './readLabelledWindow';
import { inputError } from './PerformanceError';

/**
 * CBPE's calibration from a labelled period of the prediction log (NannyML's "reference period"):
 * the logged probabilities of the rows whose labels have joined, against those labels.
 */
export async function fitCbpeFromLog(sql: SqlStoreHandle, feedback: FeedbackStore, query: WindowQuery, signature: Pick<ModelSignature, 'task' | 'classes'>): Promise<CbpeCalibration> {
  if (signature.task === 'regression') throw inputError('CBPE estimates classifier metrics; a regression model has no confidences to calibrate');
  const w = await readLabelledWindow(sql, feedback, query, signature);
  const k = w.classes.length;
  if (w.labelledRows.length === 0) throw inputError(`no labelled predictions of ${query.model} in the reference window: post feedback for it first`);
  const proba = new Float64Array(w.labelledRows.length * k);
  w.labelledRows.forEach((r, j) => proba.set(w.proba.subarray(r * k, r * k + k), j * k));
  return fitCbpe(proba, Int32Array.from(w.labels), w.classes);
}
