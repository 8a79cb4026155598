import type { Frame } from '@mlops/frame';
import { InvalidColumnError } from '../../errors/errors';
import { messages } from '../../errors/messages';

/** The target column as indices into `classes`, matched by label text (category, int32 or bool column). */
export function targetClassIndices(frame: Frame, target: string, classes: readonly string[]): Int32Array {
  const column = frame.column(target);
  const data = column.data as ArrayLike<number>;
  let text: (i: number) => string;
  if (column.dtype === 'category') text = (i) => column.dictionary![data[i]!]!;
  else if (column.dtype === 'int32') text = (i) => String(data[i]);
  else if (column.dtype === 'bool') text = (i) => String(data[i] === 1);
  else throw new InvalidColumnError(target, messages.labelDType(target, column.dtype, 'category, int32 or bool'));
  const index = new Map(classes.map((c, i) => [c, i]));
  const out = new Int32Array(column.length);
  let nulls = 0;
  for (let i = 0; i < column.length; i++) {
    if (column.nulls?.[i] || (column.dtype === 'category' && data[i]! < 0)) nulls++;
    else {
      const c = index.get(text(i));
      if (c === undefined) throw new InvalidColumnError(target, messages.unknownLabel(target, text(i), classes));
      out[i] = c;
    }
  }
  if (nulls > 0) throw new InvalidColumnError(target, messages.labelNulls(target, nulls));
  return out;
}
