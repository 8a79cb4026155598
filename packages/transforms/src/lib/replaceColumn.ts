import type { Column, Frame } from '@mlops/frame';

/**
 * `frame` with column `name` replaced, in its position, by `replacement` (zero, one or several
 * columns, e.g. the indicator columns of a one-hot encoding). New names must not already exist.
 */
export function replaceColumn(frame: Frame, name: string, replacement: ReadonlyArray<readonly [string, Column]>): Frame {
  if (replacement.length === 1 && replacement[0][0] === name) return frame.withColumn(name, replacement[0][1]);
  // Append, then reorder with select: building a record would reorder integer-like names.
  let out = frame;
  for (const [newName, column] of replacement) out = out.withColumn(newName, column);
  const order = frame.names.flatMap((n) => (n === name ? replacement.map(([r]) => r) : [n]));
  return out.select(order);
}
