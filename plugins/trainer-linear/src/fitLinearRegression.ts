import type { FitOptions } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import type { LinearRegressionParams } from './config';
import { LinearError, linearErrorCodes } from './errors';
import { LinearModel } from './LinearModel';
import { solveCholesky } from './lib/cholesky';
import { encodeNumeric } from './lib/encodeTarget';
import { readDesign, selectFeatureNames } from './lib/readDesign';

/**
 * Least squares (`alpha` 0) or ridge, solved exactly from the normal equations by Cholesky.
 * The (p+1)×(p+1) system of [X, 1] with the intercept unpenalised is solved by eliminating the
 * intercept row first, which is the same as centring X and y: `(XcᵀXc + αI)·w = Xcᵀyc`,
 * `b = ȳ − x̄·w`. Centring also keeps the system well conditioned when features have large
 * means (raw measurements), which the un-centred system would not be. No iterations, so
 * `onIteration` is called once with the training MSE.
 */
export async function fitLinearRegression(frame: Frame, target: string, params: LinearRegressionParams, options: FitOptions = {}): Promise<LinearModel> {
  const featureNames = selectFeatureNames(frame, target);
  const y = encodeNumeric(frame, target);
  const x = readDesign(frame, featureNames);
  const n = frame.rowCount;
  const p = featureNames.length;
  if (!n) throw new LinearError(linearErrorCodes.data, 'linear regression: the training frame has no rows');
  const xMean = new Float64Array(p);
  let yMean = 0;
  if (params.fitIntercept) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) xMean[j]! += x[i * p + j]!;
      yMean += y[i]!;
    }
    for (let j = 0; j < p; j++) xMean[j]! /= n;
    yMean /= n;
  }
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = x[i * p + j]! - xMean[j]!;
    const r = y[i]! - yMean;
    for (let j = 0; j < p; j++) {
      b[j]! += row[j]! * r;
      for (let k = 0; k <= j; k++) A[j * p + k]! += row[j]! * row[k]!;
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) A[k * p + j] = A[j * p + k]!;
    A[j * p + j]! += params.alpha;
  }
  const w = solveCholesky(A, b, p);
  if (!w) {
    throw new LinearError(linearErrorCodes.solve, `linear regression: XᵀX${params.alpha ? ' + alpha·I' : ''} is singular (collinear or constant features among ${featureNames.join(', ')}); drop them or set alpha > 0 (ridge)`);
  }
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= xMean[j]! * w[j]!;
  const model = new LinearModel({ kind: 'linear-regression', version: 1, task: 'regression', featureNames, coef: [Array.from(w)], intercept: [intercept], params: { ...params }, iterations: 0, converged: true });
  if (options.onIteration) {
    const pred = model.margins(frame);
    let sse = 0;
    for (let i = 0; i < n; i++) sse += (pred[i]! - y[i]!) ** 2;
    const metrics: Record<string, number> = { train_mse: sse / n };
    if (options.validation) {
      const vy = encodeNumeric(options.validation, target);
      const vp = model.margins(options.validation);
      let v = 0;
      for (let i = 0; i < vy.length; i++) v += (vp[i]! - vy[i]!) ** 2;
      metrics.valid_mse = v / Math.max(1, vy.length);
    }
    await options.onIteration({ iteration: 1, metrics });
  }
  return model;
}
