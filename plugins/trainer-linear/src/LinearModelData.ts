/** A fitted linear model as plain data (what `toJSON()` returns and `load` accepts). */
export interface LinearModelData {
  /** The trainer that made it. */
  kind: 'logistic-regression' | 'linear-regression';
  version: 1;
  task: 'binary' | 'multiclass' | 'regression';
  featureNames: string[];
  classes?: string[];
  /** One row of weights per output: 1 (binary log-odds, regression) or one per class (multinomial). */
  coef: number[][];
  intercept: number[];
  /** Resolved params the model was fitted with. */
  params: Record<string, number | boolean>;
  /** Optimiser iterations (0 for the closed-form regression), and whether `tol` was met. */
  iterations: number;
  converged: boolean;
}
