import type { Json, TrainedModel } from '@mlops/core';
import { argmaxRows, type Frame } from '@mlops/frame';
import type { TfjsModelData } from './TfjsModelData';
import { buildOnnx } from './lib/buildOnnx';
import { forward } from './lib/forward';
import { readFeatures } from './lib/readFeatures';

/** A trained dense network; predictions run in plain JS from the stored weights. */
export class TfjsModel implements TrainedModel {
  readonly kind = 'tfjs-dense';
  readonly task: TfjsModelData['task'];
  readonly featureNames: readonly string[];
  readonly classes?: readonly string[];

  constructor(readonly data: TfjsModelData) {
    this.task = data.task;
    this.featureNames = data.featureNames;
    if (data.classes) this.classes = data.classes;
  }

  /** The last layer's outputs, row-major: logit (binary), class logits, or the regression value. */
  outputs(frame: Frame): Float64Array {
    return forward(this.data, readFeatures(frame, this.data.featureNames), frame.rowCount);
  }

  /** Regression values, or the index into `classes` of the most probable class (first on ties). */
  predict(frame: Frame): Float64Array {
    if (this.task === 'regression') return this.outputs(frame);
    return argmaxRows(this.predictProba(frame), this.classes!.length);
  }

  /** Row-major `rows × classes` probabilities: `[1 − σ(z), σ(z)]` (binary) or softmax. */
  predictProba(frame: Frame): Float64Array {
    if (this.task === 'regression') throw new TypeError('predictProba: a regression model has no class probabilities');
    const z = this.outputs(frame);
    const rows = frame.rowCount;
    if (this.task === 'binary') {
      const out = new Float64Array(rows * 2);
      for (let i = 0; i < rows; i++) {
        const p = 1 / (1 + Math.exp(-z[i]!));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    const K = this.classes!.length;
    const out = new Float64Array(z.length);
    for (let i = 0; i < rows; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[i * K + k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += out[i * K + k] = Math.exp(z[i * K + k]! - max);
      for (let k = 0; k < K; k++) out[i * K + k]! /= sum;
    }
    return out;
  }

  toJSON(): Json {
    return this.data as unknown as Json;
  }

  toOnnx(): Uint8Array {
    return buildOnnx(this.data);
  }
}
