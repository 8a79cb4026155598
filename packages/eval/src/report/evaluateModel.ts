import type { Frame } from '@mlops/frame';
import { InvalidArgumentError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { ClassificationReport } from './types/ClassificationReport';
import { classificationReport } from './classificationReport';
import { targetClassIndices } from './lib/targetClassIndices';
import { targetValues } from './lib/targetValues';
import type { RegressionReport } from './types/RegressionReport';
import { regressionReport } from './regressionReport';

/**
 * The part of @mlops/core's `TrainedModel` that evaluation needs; structural, so this package
 * does not depend on core and any object with these members (a test double too) can be evaluated.
 */
export interface EvaluableModel {
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly classes?: readonly string[];
  predict(frame: Frame): Float64Array;
  predictProba?(frame: Frame): Float64Array;
}

/**
 * Predicts `frame` with `model` and reports against the `target` column: for classifiers the
 * target's labels are matched to `model.classes` by text, for regressors it must be numeric.
 */
export function evaluateModel(model: EvaluableModel, frame: Frame, target: string): ClassificationReport | RegressionReport {
  if (model.task === 'regression') return regressionReport({ yTrue: targetValues(frame, target), yPred: model.predict(frame) });
  if (!model.classes) throw new InvalidArgumentError(messages.noClasses());
  const yTrue = targetClassIndices(frame, target, model.classes);
  if (model.predictProba) return classificationReport({ yTrue, classes: model.classes, proba: model.predictProba(frame) });
  return classificationReport({ yTrue, classes: model.classes, yPred: Int32Array.from(model.predict(frame)) });
}
