import type { FrozenTrial } from '../types';

/** True when no earlier report of the trial falls in the same pruning interval as `step` (Optuna's rule). */
export function firstInInterval(step: number, trial: FrozenTrial, warmup: number, interval: number): boolean {
  const nearestLower = Math.floor((step - warmup) / interval) * interval + warmup;
  let secondLast = -1;
  for (const s of trial.intermediate.keys()) if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearestLower;
}
