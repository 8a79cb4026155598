import { assertFinite, assertSameLength } from '../../../errors/assertArguments';
import { UndefinedMetricError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';

/** Validates a regression yTrue/yPred pair: same non-zero length, all finite. */
export function checkValues(metric: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  assertSameLength('yTrue', yTrue.length, 'yPred', yPred.length);
  if (yTrue.length === 0) throw new UndefinedMetricError(metric, messages.empty(metric));
  assertFinite('yTrue', yTrue);
  assertFinite('yPred', yPred);
}
