import type { CategoryColumn } from '@mlops/frame';

/**
 * Compares strings by Unicode code point, as Python (and so scikit-learn's sorted categories)
 * does. JavaScript's default sort compares UTF-16 code units, which orders characters beyond
 * U+FFFF before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * True when dictionary entry `value` counts as missing. The empty string does: a served ONNX model
 * receives a missing category as `''` (string tensors have no null), so treating `''` as missing
 * here too keeps in-process and ONNX results equal.
 */
export function isMissingCategory(value: string | undefined): boolean {
  return value === undefined || value === '';
}

/**
 * Per dictionary code, the value transforms see: the string, or `undefined` for missing (`''`).
 * Index with the row's code; code -1 (null) reads `undefined` as well.
 */
export function codeValues(column: CategoryColumn): (string | undefined)[] {
  return column.dictionary.map((v) => (isMissingCategory(v) ? undefined : v));
}

/** Counts of each present value, in first-seen order. */
export function countCategories(column: CategoryColumn): Map<string, number> {
  const perCode = new Float64Array(column.dictionary.length);
  for (let i = 0; i < column.length; i++) {
    const code = column.data[i];
    if (code >= 0) perCode[code]++;
  }
  const counts = new Map<string, number>();
  column.dictionary.forEach((value, code) => {
    // Dictionaries may repeat a value or hold unused ones; merge by value, skip zero counts.
    if (!isMissingCategory(value) && perCode[code] > 0) counts.set(value, (counts.get(value) ?? 0) + perCode[code]);
  });
  return counts;
}

/** The distinct present values of `column`, sorted by code point (scikit-learn's category order). */
export function sortedCategories(column: CategoryColumn): string[] {
  return [...countCategories(column).keys()].sort(compareCodePoints);
}
