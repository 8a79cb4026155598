import type { Frame } from '@mlops/frame';
import { InvalidColumnError } from '../../errors/errors';
import { messages } from '../../errors/messages';

/** A numeric (float64 or int32) target column as float64 values; throws on nulls. */
export function targetValues(frame: Frame, target: string): Float64Array {
  const column = frame.column(target);
  if (column.dtype !== 'float64' && column.dtype !== 'int32') {
    throw new InvalidColumnError(target, messages.labelDType(target, column.dtype, 'float64 or int32'));
  }
  let nulls = 0;
  for (let i = 0; i < column.length; i++) if (column.nulls?.[i]) nulls++;
  if (nulls > 0) throw new InvalidColumnError(target, messages.labelNulls(target, nulls));
  return Float64Array.from(column.data as ArrayLike<number>);
}
