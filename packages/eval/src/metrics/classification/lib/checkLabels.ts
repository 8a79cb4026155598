import { assertClassIndices, assertSameLength } from '../../../errors/assertArguments';
import { UndefinedMetricError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';

/** Validates a yTrue/yPred pair of class indices: same non-zero length, indices in [0, nClasses). */
export function checkLabels(metric: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): void {
  assertSameLength('yTrue', yTrue.length, 'yPred', yPred.length);
  if (yTrue.length === 0) throw new UndefinedMetricError(metric, messages.empty(metric));
  assertClassIndices('yTrue', yTrue, nClasses);
  assertClassIndices('yPred', yPred, nClasses);
}
