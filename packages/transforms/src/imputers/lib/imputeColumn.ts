import { categoryColumn, float64Column, type Column } from '@mlops/frame';
import { isMissingCategory } from '../../lib/categories';
import { numericColumnValues } from '../../lib/numeric';

/** Column with its missing entries (nulls and NaN; for categories null and `''`) replaced by `fill`. */
export function imputeColumn(column: Column, fill: number | string): Column {
  if (column.dtype === 'category') {
    const dictionary = [...column.dictionary];
    let fillCode = dictionary.indexOf(fill as string);
    if (fillCode < 0) fillCode = dictionary.push(fill as string) - 1;
    const missing = Uint8Array.from(dictionary, (v) => (isMissingCategory(v) ? 1 : 0));
    const codes = new Int32Array(column.length);
    for (let i = 0; i < codes.length; i++) {
      const code = column.data[i];
      codes[i] = code < 0 || missing[code] === 1 ? fillCode : code;
    }
    return categoryColumn(codes, dictionary);
  }
  const values = numericColumnValues(column);
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    out[i] = v === v ? v : (fill as number);
  }
  return float64Column(out);
}
