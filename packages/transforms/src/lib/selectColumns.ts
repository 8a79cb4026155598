import type { Column, DType, Frame } from '@mlops/frame';
import { TransformApplyError, TransformFitError } from '../errors';
import { messages } from '../messages';

/** Which columns a transform accepts, and which it takes when no `columns` option is given. */
export interface ColumnRule {
  /** Dtypes the transform can process. */
  readonly accepts: readonly DType[];
  /** Dtypes picked by default (a subset of `accepts`). */
  readonly byDefault: readonly DType[];
  /** Words for error messages, e.g. `'a numeric column (float64, int32, bool)'`. */
  readonly expected: string;
}

/** The columns a transform fits on: `requested` (checked), or every column of a default dtype. */
export function selectColumns(frame: Frame, transform: string, requested: readonly string[] | undefined, rule: ColumnRule): string[] {
  if (requested === undefined) return frame.names.filter((n) => rule.byDefault.includes(frame.column(n).dtype));
  for (const name of requested) {
    if (!frame.has(name)) throw new TransformFitError(transform, messages.columnMissing(name, frame.names));
    const dtype = frame.column(name).dtype;
    if (!rule.accepts.includes(dtype)) throw new TransformFitError(transform, messages.wrongDType(name, dtype, rule.expected));
  }
  return [...requested];
}

/** Column `name` of `frame` when applying a fitted transform; fails naming the transform. */
export function requireColumn(frame: Frame, transform: string, name: string, rule: Pick<ColumnRule, 'accepts' | 'expected'>): Column {
  if (!frame.has(name)) throw new TransformApplyError(transform, messages.columnMissing(name, frame.names));
  const column = frame.column(name);
  if (!rule.accepts.includes(column.dtype)) throw new TransformApplyError(transform, messages.wrongDType(name, column.dtype, rule.expected));
  return column;
}

/** Numeric columns: accepted float64/int32/bool, picked by default float64/int32. */
export const numericRule: ColumnRule = {
  accepts: ['float64', 'int32', 'bool'],
  byDefault: ['float64', 'int32'],
  expected: 'a numeric column (float64, int32 or bool)',
};

/** Category columns only. */
export const categoryRule: ColumnRule = { accepts: ['category'], byDefault: ['category'], expected: 'a category column' };
