import type { CategoryColumn, Frame } from '@mlops/frame';
import { TransformFitError } from '../../errors';
import { compareCodePoints, countCategories } from '../../lib/categories';
import { median } from '../../lib/median';
import { sum } from '../../lib/sum';
import { messages } from '../../messages';
import { presentColumnValues } from '../../lib/presentColumnValues';
import type { ImputeStrategy } from './ImputeStrategy';

/** Default `fillValue` of the constant strategy, per column kind, as scikit-learn's SimpleImputer. */
export const defaultFill = { numeric: 0, category: 'missing_value' } as const;

/** The value missing entries of column `name` are replaced with, learnt as `strategy` says. */
export function fitFill(frame: Frame, transform: string, name: string, strategy: ImputeStrategy, fillValue: number | string | undefined): number | string {
  const column = frame.column(name);
  if (column.dtype === 'category') {
    if (strategy === 'constant') return fillValue ?? defaultFill.category;
    return mostFrequentCategory(column, transform, name);
  }
  if (strategy === 'constant') return fillValue ?? defaultFill.numeric;
  const values = presentColumnValues(frame, transform, name, strategy.replace('_', ' '));
  if (strategy === 'median') return median(values);
  if (strategy === 'most_frequent') return mostFrequentNumber(values);
  return sum(values) / values.length;
}

// Ties go to the smallest value, as scikit-learn's _most_frequent (scipy.stats.mode) does.
function mostFrequentNumber(values: Float64Array): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  let best = NaN;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) [best, bestCount] = [value, count];
  }
  return best;
}

function mostFrequentCategory(column: CategoryColumn, transform: string, name: string): string {
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of countCategories(column)) {
    if (count > bestCount || (count === bestCount && compareCodePoints(value, best!) < 0)) [best, bestCount] = [value, count];
  }
  if (best === undefined) throw new TransformFitError(transform, messages.noValues(name, 'most frequent value'));
  return best;
}
