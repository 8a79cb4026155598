import type { FrozenTrial } from './types';

/** System attributes a retry carries (Optuna's RetryFailedCallback keys). */
export const retryAttrs = { failedTrial: 'failed_trial', history: 'retry_history' } as const;

/**
 * The system attributes of the trial that retries `failed`, or undefined when `failed` has had
 * `maxRetries` retries already. `failed_trial` is the first trial of the chain (the one the user
 * saw fail first); `retry_history` lists every attempt before this one, oldest first.
 */
export function retryOf(failed: FrozenTrial, maxRetries: number): Record<string, unknown> | undefined {
  const history = [...((failed.systemAttrs[retryAttrs.history] as number[] | undefined) ?? []), failed.number];
  if (history.length > maxRetries) return undefined;
  return { [retryAttrs.failedTrial]: retriedTrialNumber(failed) ?? failed.number, [retryAttrs.history]: history };
}

/** The number of the failed trial this trial retries (the first of its chain), if it is a retry. */
export function retriedTrialNumber(trial: FrozenTrial): number | undefined {
  const n = trial.systemAttrs[retryAttrs.failedTrial];
  return typeof n === 'number' ? n : undefined;
}
