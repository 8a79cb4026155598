import { InvalidArgumentError } from '../errors/errors';
import { accuracy } from '../metrics/classification/accuracy';
import { averagePrecision } from '../metrics/classification/averagePrecision';
import { confusionMatrix } from '../metrics/classification/confusionMatrix';
import { logLoss } from '../metrics/classification/logLoss';
import { precisionRecallF1 } from '../metrics/classification/precisionRecallF1';
import { probaColumn } from '../metrics/classification/probaColumn';
import { rocAuc } from '../metrics/classification/rocAuc';
import { rocAucOvr } from '../metrics/classification/rocAucOvr';
import type { ClassificationReport } from './types/ClassificationReport';
import { argmaxRows } from './lib/argmaxRows';
import { imbalanceWarnings } from './lib/imbalanceWarnings';
import { metricOrNull } from './lib/metricOrNull';

/** Input of {@link classificationReport}: true class indices and probabilities and/or predictions. */
export interface ClassificationInput {
  yTrue: ArrayLike<number>;
  /** Class names, in the order of `proba` columns and class indices. */
  classes: readonly string[];
  /** Row-major rows × classes probabilities; enables ROC-AUC, average precision and log loss. */
  proba?: ArrayLike<number>;
  /** Predicted class indices; defaults to the argmax of `proba`. */
  yPred?: ArrayLike<number>;
}

/**
 * Builds every classification metric together (accuracy is never reported alone) with warnings
 * for imbalanced classes, classes never predicted and metrics that are undefined on this data.
 */
export function classificationReport(input: ClassificationInput): ClassificationReport {
  const { yTrue, classes, proba } = input;
  const k = classes.length;
  if (k < 2) throw new InvalidArgumentError(`classes: expected at least 2 classes, received ${k}`);
  if (!proba && !input.yPred) throw new InvalidArgumentError('classificationReport: expected proba or yPred, received neither');
  const yPred = input.yPred ?? argmaxRows(proba!, k);
  const matrix = confusionMatrix(yTrue, yPred, k);
  const prf = precisionRecallF1(yTrue, yPred, k);
  const counts = matrix.map((row) => row.reduce((s, v) => s + v, 0));
  const warnings = imbalanceWarnings(counts, classes);
  classes.forEach((name, c) => {
    if (counts[c] === 0) warnings.push(`class ${JSON.stringify(name)} has no rows in yTrue: its recall and F1 are 0 by convention`);
    else if (matrix.every((row) => row[c] === 0)) {
      warnings.push(`class ${JSON.stringify(name)} is never predicted: its precision is 0 by convention (zero_division=0)`);
    }
  });
  if (!proba) warnings.push('no probabilities: rocAuc, averagePrecision and logLoss are null');
  const byClass = <T>(values: T[]) => Object.fromEntries(classes.map((name, c) => [name, values[c]!]));
  return {
    task: k === 2 ? 'binary' : 'multiclass',
    rows: yTrue.length,
    classes: [...classes],
    classCounts: byClass(counts),
    accuracy: accuracy(yTrue, yPred),
    perClass: byClass(prf.perClass),
    macro: prf.macro,
    weighted: prf.weighted,
    confusionMatrix: matrix,
    rocAuc: proba ? metricOrNull(() => (k === 2 ? rocAuc(yTrue, probaColumn(proba, 2, 1)) : rocAucOvr(yTrue, proba, k)), warnings) : null,
    averagePrecision: proba ? metricOrNull(() => macroAveragePrecision(yTrue, proba, k), warnings) : null,
    logLoss: proba ? logLoss(yTrue, proba, k) : null,
    warnings,
  };
}

function macroAveragePrecision(yTrue: ArrayLike<number>, proba: ArrayLike<number>, k: number): number {
  if (k === 2) return averagePrecision(yTrue, probaColumn(proba, 2, 1));
  let sum = 0;
  for (let c = 0; c < k; c++) sum += averagePrecision(yTrue, probaColumn(proba, k, c), c);
  return sum / k;
}
