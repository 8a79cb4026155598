import type { Frame } from '@mlops/frame';
import { presentColumnValues } from '../lib/presentColumnValues';
import { DataReader } from '../lib/readData';
import { sum } from '../lib/sum';
import { numericRule, selectColumns } from '../lib/selectColumns';
import type { FittedTransform, FittedTransformData, Transform } from '../Transform';
import { FittedScaler } from './lib/FittedScaler';
import { handleZerosInScale } from './lib/handleZerosInScale';

const kind = 'standard-scaler';

/** Options of `standardScaler`. */
export interface StandardScalerOptions {
  /** Columns to scale (numeric); default: every float64 and int32 column. */
  readonly columns?: readonly string[];
}

/**
 * Standardizes columns to `(x - mean) / std`, with the population std (ddof = 0) like
 * scikit-learn's StandardScaler; constant columns get std 1. Missing values are skipped when
 * fitting and stay missing.
 */
export function standardScaler(options: StandardScalerOptions = {}): Transform {
  return {
    name: kind,
    fit(frame: Frame): FittedTransform {
      const columns = selectColumns(frame, kind, options.columns, numericRule);
      const fitted = columns.map((name) => meanAndScale(presentColumnValues(frame, kind, name, 'mean and standard deviation')));
      return loadStandardScaler({ kind, version: 1, columns, mean: fitted.map((f) => f.mean), scale: fitted.map((f) => f.scale) });
    },
  };
}

/** Rebuilds a fitted standard scaler from its `toJSON()` data. */
export function loadStandardScaler(data: FittedTransformData): FittedTransform {
  const read = new DataReader(data, kind);
  const columns = read.strings('columns');
  const mean = read.numbers('mean', columns.length);
  const scale = read.numbers('scale', columns.length);
  const scaled = columns.map((name, i) => ({
    name,
    offset: mean[i],
    scale: 1 / scale[i],
    map: (x: number) => (x - mean[i]) / scale[i],
  }));
  return new FittedScaler(kind, scaled, { kind, version: 1, columns, mean, scale });
}

// scikit-learn's _incremental_mean_and_var on one batch: mean = sum / n (compensated sum), then the corrected
// two-pass variance sum((x - mean)^2) - sum(x - mean)^2 / n, over n (ddof = 0).
function meanAndScale(values: Float64Array): { mean: number; scale: number } {
  const n = values.length;
  const mean = sum(values) / n;
  let correction = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    correction += d;
    squares += d * d;
  }
  const variance = (squares - (correction * correction) / n) / n;
  // _is_constant_feature: variance within the error bound of the two-pass algorithm.
  const eps = Number.EPSILON;
  const constant = variance <= n * eps * variance + (n * mean * eps) ** 2;
  return { mean, scale: handleZerosInScale(Math.sqrt(variance), constant) };
}
