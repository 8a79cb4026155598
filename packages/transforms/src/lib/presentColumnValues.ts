import type { Frame } from '@mlops/frame';
import { TransformFitError } from '../errors';
import { messages } from '../messages';
import { numericColumnValues, presentValues } from './numeric';

/**
 * The non-missing values of numeric column `name`, for fitting a statistic (`what`, for the error).
 * Nulls and NaNs are skipped, as scikit-learn's scalers and imputers skip NaN; a column without
 * any value cannot be fitted.
 */
export function presentColumnValues(frame: Frame, transform: string, name: string, what: string): Float64Array {
  const values = presentValues(numericColumnValues(frame.column(name)));
  if (values.length === 0) throw new TransformFitError(transform, messages.noValues(name, what));
  return values;
}
