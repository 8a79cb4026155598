import type { Frame } from '@mlops/frame';
import { InvalidArgumentError } from '../errors/errors';
import { messages } from '../errors/messages';
import { hashRows } from './lib/hashRows';
import { markDuplicates, type KeepPolicy } from './lib/markDuplicates';
import { rowEquality } from './lib/rowEquality';

/**
 * pandas' `DataFrame.duplicated(subset=keys, keep=keep)` as a byte mask (1 = duplicate, the rows
 * to drop under that policy): with `'first'` every repeat after a row's first occurrence, with
 * `'last'` every occurrence before its last. Rows are compared on `keys` (default: all columns);
 * NaN equals NaN, null equals null, -0 equals 0, categories compare by string. A frame without
 * columns has no duplicates.
 */
export function duplicateMask(frame: Frame, keys?: readonly string[], keep: KeepPolicy = 'first'): Uint8Array {
  if (keep !== 'first' && keep !== 'last') throw new InvalidArgumentError(messages.keep(keep));
  if (keys !== undefined && keys.length === 0) throw new InvalidArgumentError(messages.emptyKeys());
  const names = keys === undefined ? frame.names : [...new Set(keys)];
  const columns = names.map((name) => frame.column(name));
  if (columns.length === 0) return new Uint8Array(frame.rowCount);
  return markDuplicates(hashRows(columns, frame.rowCount), rowEquality(columns), keep);
}
