import { UndefinedMetricError } from '../../errors/errors';
import { messages } from '../../errors/messages';
import { thresholdCounts } from './lib/thresholdCounts';

/**
 * Average precision (PR-AUC) as sklearn's average_precision_score: Σₙ (Rₙ − Rₙ₋₁) · Pₙ over the
 * distinct scores from the highest down, a step function with no interpolation (the trapezoid
 * rule overstates PR-AUC). `yTrue` is 0/1; `positive` selects one class against the rest.
 * Throws when there are no positives.
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>, positive?: number): number {
  const { tp, fp, positives } = thresholdCounts('averagePrecision', yTrue, scores, positive);
  if (positives === 0) throw new UndefinedMetricError('averagePrecision', messages.noPositives('averagePrecision'));
  let sum = 0;
  let prevTp = 0;
  for (let i = 0; i < tp.length; i++) {
    sum += ((tp[i]! - prevTp) / positives) * (tp[i]! / (tp[i]! + fp[i]!));
    prevTp = tp[i]!;
  }
  return sum;
}
