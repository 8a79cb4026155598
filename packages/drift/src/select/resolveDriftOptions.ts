import { invalidArgument } from '../errors/DriftError';
import type { DriftOptions, ResolvedDriftOptions } from './DriftOptions';
import { driftTests, isDriftTestName } from './driftTests';

const isProbability = (v: unknown) => typeof v === 'number' && v > 0 && v <= 1;
const isThreshold = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Fills defaults and rejects bad values, naming the option path (`columns.age.test`). */
export function resolveDriftOptions(options: DriftOptions = {}): ResolvedDriftOptions {
  const thresholds = options.thresholds ?? {};
  for (const [name, value] of Object.entries(thresholds)) {
    if (!isDriftTestName(name)) throw invalidArgument(`thresholds.${name}`, `a test name (${Object.keys(driftTests).join(', ')})`, name);
    if (!isThreshold(value)) throw invalidArgument(`thresholds.${name}`, 'a finite number ≥ 0', value);
  }
  const columns = options.columns ?? {};
  for (const [name, column] of Object.entries(columns)) {
    if (column.test !== undefined && !isDriftTestName(column.test)) throw invalidArgument(`columns.${name}.test`, `a test name (${Object.keys(driftTests).join(', ')})`, column.test);
    if (column.threshold !== undefined && !isThreshold(column.threshold)) throw invalidArgument(`columns.${name}.threshold`, 'a finite number ≥ 0', column.threshold);
  }
  const driftShare = options.driftShare ?? 0.5;
  if (!isProbability(driftShare)) throw invalidArgument('driftShare', 'a number in (0, 1]', driftShare);
  const smallSampleSize = options.smallSampleSize ?? 1000;
  if (!(Number.isInteger(smallSampleSize) && smallSampleSize >= 0)) throw invalidArgument('smallSampleSize', 'an integer ≥ 0', smallSampleSize);
  const maxCategoricalDistinct = options.maxCategoricalDistinct ?? 5;
  if (!(Number.isInteger(maxCategoricalDistinct) && maxCategoricalDistinct >= 0)) throw invalidArgument('maxCategoricalDistinct', 'an integer ≥ 0', maxCategoricalDistinct);
  const bins = options.bins ?? 10;
  if (!(Number.isInteger(bins) && bins >= 2)) throw invalidArgument('bins', 'an integer ≥ 2', bins);
  const ksMethod = options.ksMethod ?? 'auto';
  if (!['auto', 'exact', 'asymp'].includes(ksMethod)) throw invalidArgument('ksMethod', '"auto", "exact" or "asymp"', ksMethod);
  return { thresholds, columns, driftShare, smallSampleSize, maxCategoricalDistinct, bins, ksMethod };
}
