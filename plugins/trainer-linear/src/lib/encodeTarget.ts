import type { Frame } from '@mlops/frame';
import { LinearError, linearErrorCodes } from '../errors';

function fail(message: string): never {
  throw new LinearError(linearErrorCodes.data, message);
}

/**
 * Class indices of a category (or bool) target. Classes are the labels present, sorted, so the
 * same data always gives the same class order; `classes` fixes the order (validation frames).
 */
export function encodeClasses(frame: Frame, target: string, classes?: readonly string[]): { y: Float64Array; classes: string[] } {
  if (!frame.has(target)) fail(`target column "${target}" is missing (columns: ${frame.names.join(', ')})`);
  const col = frame.column(target);
  let labels: string[];
  if (col.dtype === 'category') {
    const codes = col.data as Int32Array;
    const dict = col.dictionary;
    labels = Array.from(codes, (c, i) => (c < 0 || (col.nulls && col.nulls[i]) ? fail(`target "${target}" is null at row ${i}; drop or fill such rows first`) : dict[c]!));
  } else if (col.dtype === 'bool') {
    const data = col.data as Uint8Array;
    labels = Array.from(data, (v, i) => (col.nulls && col.nulls[i] ? fail(`target "${target}" is null at row ${i}`) : v ? 'true' : 'false'));
  } else {
    fail(`target "${target}" is ${col.dtype}; a classifier needs a category or bool column`);
  }
  const order = classes ? [...classes] : [...new Set(labels)].sort();
  if (!classes && order.length < 2) fail(`target "${target}" has ${order.length} class; a classifier needs at least 2`);
  const index = new Map(order.map((c, i) => [c, i]));
  const y = Float64Array.from(labels, (l, i) => index.get(l) ?? fail(`target "${target}" has class "${l}" at row ${i}, unseen in training (${order.join(', ')})`));
  return { y, classes: order };
}

/** Values of a numeric target; nulls and non-finite values are refused. */
export function encodeNumeric(frame: Frame, target: string): Float64Array {
  if (!frame.has(target)) fail(`target column "${target}" is missing (columns: ${frame.names.join(', ')})`);
  const col = frame.column(target);
  if (col.dtype !== 'float64' && col.dtype !== 'int32' && col.dtype !== 'bool') fail(`target "${target}" is ${col.dtype}; regression needs a numeric column`);
  const data = col.data as Float64Array | Int32Array | Uint8Array;
  return Float64Array.from(data, (v, i) => (col.nulls && col.nulls[i]) || !Number.isFinite(v) ? fail(`target "${target}" is missing or not finite at row ${i}`) : v);
}
