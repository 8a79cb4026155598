/** Every regression metric at once, as plain JSON. */
export interface RegressionReport {
  task: 'regression';
  rows: number;
  rmse: number;
  mae: number;
  r2: number;
  /** RMSE of always predicting the mean of yTrue (its population standard deviation): the bar to beat. */
  baselineRmse: number;
  warnings: string[];
}
