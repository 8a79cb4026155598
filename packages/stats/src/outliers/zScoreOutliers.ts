import type { Column } from '@mlops/frame';
import { assertNumericColumn, numericValues } from '../column/numericValues';
import { assertNonNegativeNumber } from '../errors/assertArguments';
import { moments } from '../summary/moments';

/** The mean and sample std of a column and the rows too many stds from the mean. */
export interface ZScoreOutliers {
  readonly mean: number;
  /** Sample standard deviation (ddof = 1); NaN for fewer than two values. */
  readonly std: number;
  /** Rows with `|x − mean| / std > threshold`, ascending. */
  readonly indices: Int32Array;
}

/**
 * Rows of a numeric column (float64, int32, timestamp) whose z-score `|x − mean| / std` exceeds
 * `threshold` (default 3), with the sample std (ddof = 1, as pandas). A std of 0 or NaN (constant
 * column, fewer than two values) flags nothing; nulls and NaNs are never outliers.
 */
export function zScoreOutliers(column: Column, threshold = 3): ZScoreOutliers {
  assertNumericColumn('zScoreOutliers', column);
  assertNonNegativeNumber('threshold', threshold);
  const { mean, std } = moments(numericValues(column));
  if (!(std > 0)) return { mean, std, indices: new Int32Array(0) };
  const { data, nulls } = column;
  const flagged: number[] = [];
  for (let i = 0; i < data.length; i++) {
    // x − mean overflows for values of opposite signs near ±1.7e308; divide first there.
    const d = Math.abs(data[i] - mean);
    const z = Number.isFinite(d) || !Number.isFinite(data[i]) ? d / std : Math.abs(data[i] / std - mean / std);
    if (z > threshold && (nulls === undefined || nulls[i] === 0)) flagged.push(i);
  }
  return { mean, std, indices: Int32Array.from(flagged) };
}
