import type { Frame } from '@mlops/frame';
import { quantiles } from '@mlops/stats';
import { TransformConfigError } from '../errors';
import { median } from '../lib/median';
import { presentColumnValues } from '../lib/presentColumnValues';
import { DataReader } from '../lib/readData';
import { numericRule, selectColumns } from '../lib/selectColumns';
import type { FittedTransform, FittedTransformData, Transform } from '../Transform';
import { FittedScaler } from './lib/FittedScaler';
import { handleZerosInScale } from './lib/handleZerosInScale';

const kind = 'robust-scaler';

/** Options of `robustScaler`. */
export interface RobustScalerOptions {
  /** Columns to scale (numeric); default: every float64 and int32 column. */
  readonly columns?: readonly string[];
  /** Percentiles whose difference is the scale; default `[25, 75]` (the IQR). */
  readonly quantileRange?: readonly [number, number];
}

/**
 * Scales columns to `(x - median) / (q75 - q25)` with numpy's linear quantiles, as scikit-learn's
 * RobustScaler with its defaults; a zero IQR becomes 1. Missing values are skipped and kept.
 */
export function robustScaler(options: RobustScalerOptions = {}): Transform {
  const [qLow, qHigh] = options.quantileRange ?? [25, 75];
  if (!(qLow >= 0 && qLow < qHigh && qHigh <= 100)) {
    throw new TransformConfigError(kind, `quantileRange must satisfy 0 <= low < high <= 100, received [${qLow}, ${qHigh}]`);
  }
  return {
    name: kind,
    fit(frame: Frame): FittedTransform {
      const columns = selectColumns(frame, kind, options.columns, numericRule);
      const center: number[] = [];
      const scale: number[] = [];
      for (const name of columns) {
        const values = presentColumnValues(frame, kind, name, 'median and quantiles');
        // np.nanmedian for the center (mean of the two middle values), np.nanpercentile for the range.
        const [low, high] = quantiles(values, [qLow / 100, qHigh / 100]);
        center.push(median(values));
        scale.push(handleZerosInScale(high - low));
      }
      return loadRobustScaler({ kind, version: 1, columns, center, scale });
    },
  };
}

/** Rebuilds a fitted robust scaler from its `toJSON()` data. */
export function loadRobustScaler(data: FittedTransformData): FittedTransform {
  const read = new DataReader(data, kind);
  const columns = read.strings('columns');
  const center = read.numbers('center', columns.length);
  const scale = read.numbers('scale', columns.length);
  const scaled = columns.map((name, i) => ({
    name,
    offset: center[i],
    scale: 1 / scale[i],
    map: (x: number) => (x - center[i]) / scale[i],
  }));
  return new FittedScaler(kind, scaled, { kind, version: 1, columns, center, scale });
}
