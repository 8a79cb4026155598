import { ServingError, type Prediction } from '@mlops/serving';

/**
 * Throws (500 `non_finite_output`) when any prediction holds NaN or ±Infinity: a label argmaxed
 * over NaN probabilities is not an answer, and JSON would turn the numbers into `null`.
 */
export function checkFiniteOutputs(predictions: readonly Prediction[], requestId: string): void {
  for (let i = 0; i < predictions.length; i++) {
    const p = predictions[i]!;
    let finite = true;
    if ('value' in p) finite = Number.isFinite(p.value);
    else for (const c in p.probabilities) if (!Number.isFinite(p.probabilities[c]!)) finite = false;
    if (!finite) throw nonFiniteOutput(i, requestId);
  }
}

/** The 500 `non_finite_output` error for `row` of a request. */
export function nonFiniteOutput(row: number, requestId: string): ServingError {
  return new ServingError('non_finite_output', `the model returned a non-finite output (NaN or ±Infinity) for row ${row}; no prediction is returned; quote request id ${requestId} to the operator`);
}
