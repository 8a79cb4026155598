import { mae } from '../metrics/regression/mae';
import { r2 } from '../metrics/regression/r2';
import { rmse } from '../metrics/regression/rmse';
import type { RegressionReport } from './types/RegressionReport';

/** Input of {@link regressionReport}. */
export interface RegressionInput {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
}

/** Builds RMSE, MAE, R² and the mean-predictor baseline together, with warnings. */
export function regressionReport(input: RegressionInput): RegressionReport {
  const { yTrue, yPred } = input;
  const error = rmse(yTrue, yPred);
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += yTrue[i]!;
  mean /= yTrue.length;
  const baselineRmse = rmse(yTrue, new Float64Array(yTrue.length).fill(mean));
  const warnings: string[] = [];
  if (baselineRmse === 0) warnings.push('yTrue is constant: r2 is 1 for a perfect prediction and 0 otherwise, by convention');
  else if (error >= baselineRmse) {
    warnings.push(`rmse ${error} is no better than predicting the mean (baseline rmse ${baselineRmse})`);
  }
  return { task: 'regression', rows: yTrue.length, rmse: error, mae: mae(yTrue, yPred), r2: r2(yTrue, yPred), baselineRmse, warnings };
}
