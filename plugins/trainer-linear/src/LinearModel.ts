import type { Json, TrainedModel } from '@mlops/core';
import { argmaxRows, type Frame } from '@mlops/frame';
import type { LinearModelData } from './LinearModelData';
import { buildOnnx } from './lib/buildOnnx';
import { margins } from './lib/margins';
import { probabilities } from './lib/probabilities';
import { readDesign } from './lib/readDesign';

/** A fitted logistic or linear regression; predictions are computed in float64. */
export class LinearModel implements TrainedModel {
  readonly kind: LinearModelData['kind'];
  readonly task: LinearModelData['task'];
  readonly featureNames: readonly string[];
  readonly classes?: readonly string[];

  constructor(readonly data: LinearModelData) {
    this.kind = data.kind;
    this.task = data.task;
    this.featureNames = data.featureNames;
    if (data.classes) this.classes = data.classes;
  }

  /** Row-major `rows × outputs` margins `X·Wᵀ + b` (log-odds, class scores or the regression value). */
  margins(frame: Frame): Float64Array {
    return margins(readDesign(frame, this.data.featureNames), frame.rowCount, this.data.coef, this.data.intercept);
  }

  /** Regression values, or the index into `classes` of the most probable class (first on ties). */
  predict(frame: Frame): Float64Array {
    if (this.task === 'regression') return this.margins(frame);
    return argmaxRows(this.predictProba(frame), this.classes!.length);
  }

  /** Row-major `rows × classes` probabilities: `[1 − σ(z), σ(z)]` (binary) or softmax. */
  predictProba(frame: Frame): Float64Array {
    if (this.task === 'regression') throw new TypeError('predictProba: a regression model has no class probabilities');
    return probabilities(this.margins(frame), frame.rowCount);
  }

  toJSON(): Json {
    return this.data as unknown as Json;
  }

  toOnnx(): Uint8Array {
    return buildOnnx(this.data);
  }
}
