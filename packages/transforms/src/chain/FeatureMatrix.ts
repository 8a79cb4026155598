import type { Frame } from '@mlops/frame';
import { TransformApplyError } from '../errors';
import { numericColumnValues } from '../lib/numeric';

/** The final features as one row-major matrix, what a model consumes (`data[row * cols + col]`). */
export interface FeatureMatrix {
  readonly names: readonly string[];
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Packs the columns of a transformed frame into a FeatureMatrix; nulls become NaN. */
export function toFeatureMatrix(frame: Frame, transform: string): FeatureMatrix {
  const names = frame.names;
  const rows = frame.rowCount;
  const cols = names.length;
  const data = new Float64Array(rows * cols);
  names.forEach((name, c) => {
    const column = frame.column(name);
    if (column.dtype === 'category' || column.dtype === 'timestamp') {
      throw new TransformApplyError(
        transform,
        `column ${JSON.stringify(name)} is still ${column.dtype} at the end of the chain; encode it so every feature is a number`,
      );
    }
    const values = numericColumnValues(column);
    for (let r = 0; r < rows; r++) data[r * cols + c] = values[r];
  });
  return { names, rows, cols, data };
}
