import type { Frame } from '@mlops/frame';
import { presentColumnValues } from '../lib/presentColumnValues';
import { DataReader } from '../lib/readData';
import { numericRule, selectColumns } from '../lib/selectColumns';
import type { FittedTransform, FittedTransformData, Transform } from '../Transform';
import { FittedScaler } from './lib/FittedScaler';
import { handleZerosInScale } from './lib/handleZerosInScale';

const kind = 'min-max-scaler';

/** Options of `minMaxScaler`. */
export interface MinMaxScalerOptions {
  /** Columns to scale (numeric); default: every float64 and int32 column. */
  readonly columns?: readonly string[];
}

/**
 * Scales columns to [0, 1] over the training range, as scikit-learn's MinMaxScaler (no clipping:
 * values outside the training range map outside [0, 1]; a constant column maps to 0).
 */
export function minMaxScaler(options: MinMaxScalerOptions = {}): Transform {
  return {
    name: kind,
    fit(frame: Frame): FittedTransform {
      const columns = selectColumns(frame, kind, options.columns, numericRule);
      const min: number[] = [];
      const max: number[] = [];
      for (const name of columns) {
        const values = presentColumnValues(frame, kind, name, 'minimum and maximum');
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = 0; i < values.length; i++) {
          if (values[i] < lo) lo = values[i];
          if (values[i] > hi) hi = values[i];
        }
        min.push(lo);
        max.push(hi);
      }
      return loadMinMaxScaler({ kind, version: 1, columns, min, max });
    },
  };
}

/** Rebuilds a fitted min-max scaler from its `toJSON()` data. */
export function loadMinMaxScaler(data: FittedTransformData): FittedTransform {
  const read = new DataReader(data, kind);
  const columns = read.strings('columns');
  const min = read.numbers('min', columns.length);
  const max = read.numbers('max', columns.length);
  const scaled = columns.map((name, i) => {
    // scikit-learn: scale_ = 1 / range, min_ = 0 - data_min * scale_, X * scale_ + min_.
    const scale = 1 / handleZerosInScale(max[i] - min[i]);
    const shift = 0 - min[i] * scale;
    return { name, offset: min[i], scale, map: (x: number) => x * scale + shift };
  });
  return new FittedScaler(kind, scaled, { kind, version: 1, columns, min, max });
}
