import type { Frame } from '@mlops/frame';
import { InvalidColumnError } from '../../errors/errors';
import { messages } from '../../errors/messages';

/** Per-row class codes (0-based, dense) of a category, int32 or bool label column, and the class count. */
export function labelCodes(frame: Frame, label: string): { codes: Int32Array; nClasses: number } {
  const column = frame.column(label);
  if (column.dtype !== 'category' && column.dtype !== 'int32' && column.dtype !== 'bool') {
    throw new InvalidColumnError(label, messages.labelDType(label, column.dtype, 'category, int32 or bool'));
  }
  const data = column.data as ArrayLike<number>;
  let nulls = 0;
  for (let i = 0; i < column.length; i++) {
    if (column.nulls?.[i] || (column.dtype === 'category' && data[i]! < 0)) nulls++;
  }
  if (nulls > 0) throw new InvalidColumnError(label, messages.labelNulls(label, nulls));
  // Raw values may be sparse (int32 labels 3, 70, 1000): map them to dense codes in order of value.
  const distinct = [...new Set(Array.from(data))].sort((a, b) => a - b);
  const dense = new Map(distinct.map((v, i) => [v, i]));
  const codes = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) codes[i] = dense.get(data[i]!)!;
  return { codes, nClasses: distinct.length };
}
