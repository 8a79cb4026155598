import type { TensorValue } from '@mlops/core';

/** Writes row `i` of a set of named columns as a JSON object, e.g. `{"a":1.5,"proba":[0.2,0.8]}`. */
export type RowJson = (i: number) => string;

/**
 * A per-row JSON encoder over the columns of one inference call. A column of `rows × k` values
 * gives an array per row. Built by string concatenation from the typed arrays: no row objects, and
 * the strings are all that is kept once the call's arrays go back to the server.
 */
export function rowJson(columns: Readonly<Record<string, TensorValue>>, rows: number): RowJson {
  const names = Object.keys(columns);
  const prefixes = names.map((n, j) => `${j === 0 ? '{' : ','}${JSON.stringify(n)}:`);
  const datas = names.map((n) => columns[n]!.data);
  const widths = datas.map((d) => (rows > 0 ? Math.max(1, Math.floor(d.length / rows)) : 1));
  return (i) => {
    let s = names.length ? '' : '{';
    for (let j = 0; j < names.length; j++) {
      const data = datas[j]!;
      const width = widths[j]!;
      s += prefixes[j]!;
      if (width === 1) s += valueJson(data[i]);
      else {
        s += '[';
        for (let k = 0; k < width; k++) s += (k ? ',' : '') + valueJson(data[i * width + k]);
        s += ']';
      }
    }
    return s + '}';
  };
}

/** JSON has no NaN or ±Infinity (a missing numeric feature is NaN): they are written as null. */
function valueJson(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return String(v);
  return 'null';
}
