import { UndefinedMetricError } from '../../errors/errors';

/** The metric's value, or null (JSON has no NaN) with the reason pushed to `warnings` when it is undefined. */
export function metricOrNull(compute: () => number, warnings: string[]): number | null {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof UndefinedMetricError)) throw error;
    warnings.push(error.message);
    return null;
  }
}
