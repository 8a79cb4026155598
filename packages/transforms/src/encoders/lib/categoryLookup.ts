import type { CategoryColumn } from '@mlops/frame';
import { isMissingCategory } from '../../lib/categories';

/** `lookup[code]` for a code of the column's dictionary: a fitted category's index, or one of these. */
export const lookupMissing = -1;
export const lookupUnknown = -2;

/**
 * Maps each dictionary code of `column` to the index of its value in the fitted `categories`, so
 * rows are encoded with one array read instead of a string lookup per row.
 */
export function categoryLookup(column: CategoryColumn, categories: readonly string[]): Int32Array {
  const index = new Map(categories.map((c, i) => [c, i]));
  return Int32Array.from(column.dictionary, (value) =>
    isMissingCategory(value) ? lookupMissing : (index.get(value) ?? lookupUnknown),
  );
}
