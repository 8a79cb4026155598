import { assertClassIndices, assertFinite } from '../../../errors/assertArguments';
import { InvalidArgumentError, UndefinedMetricError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';

/** Validates row-major `rows × nClasses` probabilities against `yTrue`. */
export function checkProba(metric: string, yTrue: ArrayLike<number>, proba: ArrayLike<number>, nClasses: number): void {
  if (yTrue.length === 0) throw new UndefinedMetricError(metric, messages.empty(metric));
  if (proba.length !== yTrue.length * nClasses) {
    throw new InvalidArgumentError(messages.probaShape(proba.length, yTrue.length, nClasses));
  }
  assertClassIndices('yTrue', yTrue, nClasses);
  assertFinite('proba', proba);
}
