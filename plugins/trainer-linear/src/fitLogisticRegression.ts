import type { FitOptions } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import type { LogisticParams } from './config';
import { LinearError, linearErrorCodes } from './errors';
import { LinearModel } from './LinearModel';
import { encodeClasses } from './lib/encodeTarget';
import { minimizeLbfgs } from './lib/lbfgs';
import { logisticObjective } from './lib/logisticObjective';
import { margins } from './lib/margins';
import { meanLogloss } from './lib/probabilities';
import { readDesign, selectFeatureNames } from './lib/readDesign';

/** Splits the flat parameter vector (K blocks of p weights + intercept) into coef rows and intercepts. */
function unpack(theta: Float64Array, K: number, p: number): { coef: number[][]; intercept: number[] } {
  const coef: number[][] = [];
  const intercept: number[] = [];
  for (let k = 0; k < K; k++) {
    coef.push(Array.from(theta.subarray(k * (p + 1), k * (p + 1) + p)));
    intercept.push(theta[k * (p + 1) + p]!);
  }
  return { coef, intercept };
}

/**
 * Fits L2-penalised logistic regression with L-BFGS: one log-odds vector for two classes (like
 * scikit-learn's `lbfgs` on binary targets), multinomial softmax otherwise. The start is all
 * zeros and nothing is random, so the seed has no effect: same data ⇒ same model.
 */
export async function fitLogisticRegression(frame: Frame, target: string, params: LogisticParams, options: FitOptions = {}): Promise<LinearModel> {
  const featureNames = selectFeatureNames(frame, target);
  const { y, classes } = encodeClasses(frame, target);
  const x = readDesign(frame, featureNames);
  const rows = frame.rowCount;
  const p = featureNames.length;
  const K = classes.length === 2 ? 1 : classes.length;
  const valid = options.validation && {
    x: readDesign(options.validation, featureNames),
    y: encodeClasses(options.validation, target, classes).y,
    rows: options.validation.rowCount,
  };
  const objective = logisticObjective(x, y, { rows, p, K, fitIntercept: params.fitIntercept }, params.C);
  const result = await minimizeLbfgs(objective, new Float64Array(K * (p + 1)), {
    maxIter: params.maxIter,
    tol: params.tol,
    memory: params.memory,
    ...(options.signal && { signal: options.signal }),
    onIteration: async (iteration, theta) => {
      if (!options.onIteration) return false;
      const { coef, intercept } = unpack(theta, K, p);
      const metrics: Record<string, number> = { train_logloss: meanLogloss(margins(x, rows, coef, intercept), y) };
      if (valid) metrics.valid_logloss = meanLogloss(margins(valid.x, valid.rows, coef, intercept), valid.y);
      return (await options.onIteration({ iteration, metrics })) === 'stop';
    },
  }).catch((cause: unknown) => {
    if (options.signal?.aborted) throw new LinearError(linearErrorCodes.aborted, 'logistic regression: training aborted', { cause });
    throw cause;
  });
  return new LinearModel({
    kind: 'logistic-regression',
    version: 1,
    task: K === 1 ? 'binary' : 'multiclass',
    featureNames,
    classes,
    ...unpack(result.x, K, p),
    params: { ...params },
    iterations: result.iterations,
    converged: result.converged,
  });
}
