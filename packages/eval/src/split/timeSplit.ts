import type { Frame } from '@mlops/frame';
import { InvalidArgumentError, InvalidColumnError } from '../errors/errors';
import { messages } from '../errors/messages';
import { testSize } from './lib/testSize';
import type { Split } from './Split';

/** Options of {@link timeSplit}: a share of the latest rows, or an explicit cutoff time. */
export type TimeSplitOptions = { testFraction: number } | { cutoff: number | Date };

/** A time split and the cutoff it used: train rows have time < cutoff, test rows time ≥ cutoff. */
export interface TimeSplit extends Split {
  /** Epoch milliseconds for a timestamp column, else the column's own unit. */
  cutoff: number;
}

/**
 * Out-of-time split, never shuffled: every train row is strictly earlier than every test row.
 * With `testFraction`, the cutoff is the time of the `ceil(testFraction × rows)`-th latest row, and
 * rows tied with it also go to test (so the test set may be larger; never mix one instant across
 * both sides). Indices are in time order (stable for equal times). Throws on null or NaN times.
 */
export function timeSplit(frame: Frame, timeColumn: string, options: TimeSplitOptions): TimeSplit {
  const times = readTimes(frame, timeColumn);
  const n = times.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
  let cutoff: number;
  if ('testFraction' in options) cutoff = times[order[n - testSize(n, options.testFraction)]!]!;
  else if ('cutoff' in options) cutoff = options.cutoff instanceof Date ? options.cutoff.getTime() : options.cutoff;
  else throw new InvalidArgumentError(messages.splitOptions());
  // order is sorted by time, so the first row at or after the cutoff separates the two sides.
  let first = 0;
  while (first < n && times[order[first]!]! < cutoff) first++;
  if ('testFraction' in options && first === 0) {
    throw new InvalidArgumentError(`${timeColumn}: every row has the same time ${cutoff}, so no train row is earlier than the test rows`);
  }
  return { train: order.slice(0, first), test: order.slice(first), cutoff };
}

function readTimes(frame: Frame, name: string): ArrayLike<number> {
  const column = frame.column(name);
  if (column.dtype !== 'timestamp' && column.dtype !== 'float64' && column.dtype !== 'int32') {
    throw new InvalidColumnError(name, messages.timeDType(name, column.dtype));
  }
  const data = column.data as ArrayLike<number>;
  let missing = 0;
  for (let i = 0; i < column.length; i++) if (column.nulls?.[i] || Number.isNaN(data[i]!)) missing++;
  if (missing > 0) throw new InvalidColumnError(name, messages.timeNulls(name, missing));
  return data;
}
