import type { Frame } from '@mlops/frame';
import { GbdtError, gbdtErrorCodes } from '../errors';
import type { GbdtParams } from '../config';

/** The learning task and its target as numbers: class index (classifiers) or value (regression). */
export interface EncodedTarget {
  task: 'binary' | 'multiclass' | 'regression';
  y: Float64Array;
  classes?: string[];
}

function fail(message: string): never {
  throw new GbdtError(gbdtErrorCodes.data, message);
}

/** Classes are the labels present, sorted, so the same data gives the same class order. */
function encodeCategory(frame: Frame, target: string): { y: Float64Array; classes: string[] } {
  const col = frame.column(target);
  const codes = col.data as Int32Array;
  const dict = col.dtype === 'category' ? col.dictionary : [];
  const seen = new Set<number>();
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]! < 0) fail(`target "${target}" is null at row ${i}; drop or fill such rows first`);
    seen.add(codes[i]!);
  }
  const classes = [...seen].map((c) => dict[c]!).sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) y[i] = index.get(dict[codes[i]!]!)!;
  return { y, classes };
}

function numericTarget(frame: Frame, target: string): Float64Array {
  const col = frame.column(target);
  const data = col.data as Float64Array | Int32Array | Uint8Array;
  const y = new Float64Array(col.length);
  for (let i = 0; i < y.length; i++) {
    const v = col.nulls && col.nulls[i] ? NaN : data[i]!;
    if (!Number.isFinite(v)) fail(`target "${target}" is missing or not finite at row ${i}`);
    y[i] = v;
  }
  return y;
}

/** Reads the target column and decides the task from its dtype and `params.objective`. */
export function encodeTarget(frame: Frame, target: string, objective: GbdtParams['objective']): EncodedTarget {
  const col = frame.column(target);
  if (col.dtype === 'category') {
    if (objective === 'regression') fail(`target "${target}" is a category column; regression needs a numeric target`);
    const { y, classes } = encodeCategory(frame, target);
    if (classes.length < 2) fail(`target "${target}" has ${classes.length} class; a classifier needs at least 2`);
    const task = classes.length === 2 && objective !== 'multiclass' ? 'binary' : 'multiclass';
    if (objective === 'binary' && classes.length > 2) fail(`objective "binary" but target "${target}" has ${classes.length} classes: ${classes.join(', ')}`);
    return { task, y, classes };
  }
  if (col.dtype !== 'float64' && col.dtype !== 'int32' && col.dtype !== 'bool') fail(`target "${target}" is ${col.dtype}; use a category, numeric or bool column`);
  const y = numericTarget(frame, target);
  const binary = objective === 'binary' || (objective === 'auto' && col.dtype === 'bool');
  if (objective === 'multiclass') fail(`objective "multiclass" needs a category target; "${target}" is ${col.dtype}`);
  if (!binary) return { task: 'regression', y };
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) fail(`objective "binary" needs a 0/1 target; "${target}" is ${y[i]} at row ${i}`);
  return { task: 'binary', y, classes: ['0', '1'] };
}
