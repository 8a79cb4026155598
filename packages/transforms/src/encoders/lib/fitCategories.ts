import type { CategoryColumn, Frame } from '@mlops/frame';
import { sortedCategories } from '../../lib/categories';

/** The sorted categories of each of `columns` (all category columns of `frame`). */
export function fitCategories(frame: Frame, columns: readonly string[]): string[][] {
  return columns.map((name) => sortedCategories(frame.column(name) as CategoryColumn));
}
