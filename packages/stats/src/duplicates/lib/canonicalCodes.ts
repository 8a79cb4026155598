import type { CategoryColumn } from '@mlops/frame';

/**
 * Category codes under which equal strings share one code (the first dictionary entry holding
 * that string); -1 stays null. Returns the column's own codes when its dictionary has no repeats,
 * which is the usual case, so nothing is copied.
 */
export function canonicalCodes(column: CategoryColumn): Int32Array {
  const { data, dictionary } = column;
  const first = new Map<string, number>();
  const remap = new Int32Array(dictionary.length);
  let repeats = false;
  for (let code = 0; code < dictionary.length; code++) {
    const seen = first.get(dictionary[code]);
    if (seen === undefined) {
      first.set(dictionary[code], code);
      remap[code] = code;
    } else {
      remap[code] = seen;
      repeats = true;
    }
  }
  if (!repeats) return data;
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] < 0 ? -1 : remap[data[i]];
  return out;
}
