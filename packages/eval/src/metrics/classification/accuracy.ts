import { UndefinedMetricError } from '../../errors/errors';
import { messages } from '../../errors/messages';
import { assertSameLength } from '../../errors/assertArguments';

/** Share of rows where `yPred[i] === yTrue[i]` (sklearn's accuracy_score). Throws on no rows. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  assertSameLength('yTrue', yTrue.length, 'yPred', yPred.length);
  if (yTrue.length === 0) throw new UndefinedMetricError('accuracy', messages.empty('accuracy'));
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}
