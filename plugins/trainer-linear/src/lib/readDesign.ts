import { InvalidColumnError, numericColumnNames, toFeatureMatrix, type Frame } from '@mlops/frame';
import { LinearError, linearErrorCodes } from '../errors';

/** Frame's column errors become this plugin's data errors (same message, the plugin's code). */
function asDataError<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof InvalidColumnError) throw new LinearError(linearErrorCodes.data, err.message);
    throw err;
  }
}

/** Names of the feature columns: every numeric or bool column except the target, in frame order. */
export function selectFeatureNames(frame: Frame, target: string): string[] {
  return asDataError(() => numericColumnNames(frame, [target]));
}

/** The named columns as a row-major `rows × features` Float64Array matrix; nulls and NaN are refused by name. */
export function readDesign(frame: Frame, names: readonly string[]): Float64Array {
  return asDataError(() => toFeatureMatrix(frame, names, Float64Array));
}
