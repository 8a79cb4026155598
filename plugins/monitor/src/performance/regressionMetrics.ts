import { mae, r2, rmse } from '@mlops/eval';

/** Realized metrics of a regressor on labelled rows (from `@mlops/eval`, sklearn's definitions; R² with force_finite). */
export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
}

export function regressionMetrics(truth: Float64Array, predicted: Float64Array): RegressionMetrics {
  return { mae: mae(truth, predicted), rmse: rmse(truth, predicted), r2: r2(truth, predicted) };
}
