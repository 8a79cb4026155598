import type { Json, TrainedModel } from '@mlops/core';
import { argmaxRows, type Frame } from '@mlops/frame';
import type { GbdtModelData } from './GbdtModelData';
import { buildOnnx } from './lib/buildOnnx';
import { softmaxRow } from './lib/objectives';
import { compileTrees, predictMargins, toRowMajor, type CompiledTrees } from './lib/predictMargins';
import { readFeatures } from './lib/readFeatures';

/** A trained gradient-boosted tree ensemble; predictions use thresholds on raw float32 features. */
export class GbdtModel implements TrainedModel {
  readonly kind = 'gbdt';
  readonly task: GbdtModelData['task'];
  readonly featureNames: readonly string[];
  readonly classes?: readonly string[];
  private compiled: CompiledTrees | undefined;

  constructor(readonly data: GbdtModelData) {
    this.task = data.task;
    this.featureNames = data.featureNames;
    if (data.classes) this.classes = data.classes;
  }

  /** Raw margins, row-major `rows × outputs` (log-odds, class scores or the regression value). */
  margins(frame: Frame): Float64Array {
    const cols = readFeatures(frame, this.data.featureNames);
    const K = this.data.outputs;
    const margin = new Float64Array(frame.rowCount * K);
    for (let i = 0; i < frame.rowCount; i++) for (let k = 0; k < K; k++) margin[i * K + k] = this.data.baseScore[k]!;
    this.compiled ??= compileTrees(this.data.trees);
    predictMargins(this.compiled, toRowMajor(cols), cols.length, margin, K);
    return margin;
  }

  /** Regression values, or the index into `classes` of the most probable class. */
  predict(frame: Frame): Float64Array {
    if (this.task === 'regression') return this.margins(frame);
    return argmaxRows(this.predictProba(frame), this.classes!.length);
  }

  /** Row-major `rows × classes` probabilities (sigmoid or softmax of the margins). */
  predictProba(frame: Frame): Float64Array {
    if (this.task === 'regression') throw new TypeError('predictProba: a regression model has no class probabilities');
    const m = this.margins(frame);
    if (this.task === 'multiclass') {
      const K = this.data.outputs;
      const out = new Float64Array(m.length);
      const row = new Float64Array(K);
      for (let i = 0; i < frame.rowCount; i++) {
        softmaxRow(m, i, K, row);
        out.set(row, i * K);
      }
      return out;
    }
    const out = new Float64Array(m.length * 2);
    for (let i = 0; i < m.length; i++) {
      const p = 1 / (1 + Math.exp(-m[i]!));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }

  /** Importance per feature: total split gain (default) or number of splits. */
  featureImportance(type: 'gain' | 'split' = 'gain'): Record<string, number> {
    const values = this.data.importance[type];
    return Object.fromEntries(this.data.featureNames.map((n, i) => [n, values[i]!]));
  }

  toJSON(): Json {
    return this.data as unknown as Json;
  }

  toOnnx(): Uint8Array {
    return buildOnnx(this.data);
  }
}
