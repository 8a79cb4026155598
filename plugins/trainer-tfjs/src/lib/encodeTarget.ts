import type { Frame } from '@mlops/frame';
import { TfjsError, tfjsErrorCodes } from '../errors';
import type { TfjsParams } from '../config';

function fail(message: string): never {
  throw new TfjsError(tfjsErrorCodes.data, message);
}

/** The task and the target as numbers: class index (classifiers) or value (regression). */
export interface EncodedTarget {
  task: 'binary' | 'multiclass' | 'regression';
  y: Float32Array;
  classes?: string[];
}

function labelsOf(frame: Frame, target: string): string[] | null {
  const col = frame.column(target);
  if (col.dtype === 'category') {
    const codes = col.data as Int32Array;
    return Array.from(codes, (c, i) => (c < 0 || (col.nulls && col.nulls[i]) ? fail(`target "${target}" is null at row ${i}; drop or fill such rows first`) : col.dictionary[c]!));
  }
  if (col.dtype === 'bool') return Array.from(col.data as Uint8Array, (v, i) => (col.nulls && col.nulls[i] ? fail(`target "${target}" is null at row ${i}`) : v ? 'true' : 'false'));
  return null;
}

/**
 * Reads the target. Classes are the sorted labels present (or `classes`, for a validation frame,
 * whose unseen labels are refused).
 */
export function encodeTarget(frame: Frame, target: string, objective: TfjsParams['objective'], classes?: readonly string[]): EncodedTarget {
  if (!frame.has(target)) fail(`target column "${target}" is missing (columns: ${frame.names.join(', ')})`);
  const labels = objective === 'regression' ? null : labelsOf(frame, target);
  if (labels) {
    const order = classes ? [...classes] : [...new Set(labels)].sort();
    if (order.length < 2) fail(`target "${target}" has ${order.length} class; a classifier needs at least 2`);
    const index = new Map(order.map((c, i) => [c, i]));
    const y = Float32Array.from(labels, (l, i) => index.get(l) ?? fail(`target "${target}" has class "${l}" at row ${i}, unseen in training (${order.join(', ')})`));
    return { task: order.length === 2 ? 'binary' : 'multiclass', y, classes: order };
  }
  if (objective === 'classification') fail(`objective "classification" needs a category or bool target; "${target}" is ${frame.column(target).dtype}`);
  const col = frame.column(target);
  if (col.dtype !== 'float64' && col.dtype !== 'int32' && col.dtype !== 'bool') fail(`target "${target}" is ${col.dtype}; use a category, numeric or bool column`);
  const data = col.data as Float64Array | Int32Array | Uint8Array;
  const y = Float32Array.from(data, (v, i) => ((col.nulls && col.nulls[i]) || !Number.isFinite(v) ? fail(`target "${target}" is missing or not finite at row ${i}`) : v));
  return { task: 'regression', y };
}
