import type { PrfScores } from '../../metrics/classification/precisionRecallF1';

/** Every classification metric at once, as plain JSON (undefined metrics are null, with a warning). */
export interface ClassificationReport {
  task: 'binary' | 'multiclass';
  rows: number;
  classes: string[];
  /** True rows per class. */
  classCounts: Record<string, number>;
  accuracy: number;
  /** Keyed by class name. */
  perClass: Record<string, PrfScores>;
  macro: PrfScores;
  weighted: PrfScores;
  /** `matrix[t][p]`: rows of true class `classes[t]` predicted as `classes[p]`. */
  confusionMatrix: number[][];
  /** Binary: ROC-AUC of the second class's probability; multiclass: one-vs-rest macro. Null without proba. */
  rocAuc: number | null;
  /** Binary: of the second class; multiclass: macro mean of one-vs-rest. Null without proba. */
  averagePrecision: number | null;
  /** With eps = 1e-15. Null without proba. */
  logLoss: number | null;
  warnings: string[];
}
