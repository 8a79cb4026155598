import { MlopsError } from '../errors/MlopsError';
import type { FitOptions, Trainer, TrainingProgress } from '../tokens/tokens';
import type { TuningTrial } from './Tuner';

/** Code of a pruned trial's error; the tuner plugin's `TrialPruned` carries the same one. */
export const trialPrunedCode = 'E_TUNER_PRUNED';

/** Thrown where a pruned trial's training stopped: the trial is recorded as pruned, not failed. */
export class TrialPrunedError extends MlopsError<typeof trialPrunedCode> {
  constructor(
    readonly trialNumber: number,
    readonly iteration: number,
  ) {
    super(trialPrunedCode, `trial ${trialNumber} pruned at iteration ${iteration}`);
  }
}

/** What {@link reportIterations} returns: the `onIteration` to pass to `fit`, and whether it pruned. */
export interface IterationReporter {
  onIteration: (progress: TrainingProgress) => Promise<void | 'stop'>;
  /** The iteration at which the pruner said stop, if it did. */
  readonly prunedAt: number | undefined;
}

/**
 * Bridges a trainer's iterations to a trial: each iteration's `metric` (e.g. `valid_logloss`) is
 * reported at step = iteration, the pruner is asked, and a yes returns `'stop'`, which ends training
 * at that round. A metric the trainer does not report is an error naming the ones it does.
 */
export function reportIterations(trial: TuningTrial, metric: string): IterationReporter {
  let prunedAt: number | undefined;
  return {
    get prunedAt() {
      return prunedAt;
    },
    onIteration: async ({ iteration, metrics }) => {
      const value = metrics[metric];
      if (value === undefined) {
        const known = Object.keys(metrics);
        throw new MlopsError('E_TUNER_USAGE', `intermediate: the trainer reports no metric "${metric}" (it reports ${known.length ? known.join(', ') : 'none'}; valid_* metrics need FitOptions.validation)`, { path: 'intermediate', expected: known.join(' | ') || 'a metric', received: metric, badInput: true });
      }
      await trial.report(value, iteration);
      if (!(await trial.shouldPrune())) return undefined;
      prunedAt = iteration;
      return 'stop';
    },
  };
}

/**
 * Wraps a trainer so every `fit` reports its iterations to the trial (the caller's own `onIteration`
 * still runs and may still stop training). When the pruner stops training, `fit` throws
 * {@link TrialPrunedError} instead of returning the cut-short model, so nothing downstream uses or
 * caches it (and the model is dropped at once).
 */
export function reportingTrainer(trainer: Trainer, trial: TuningTrial, metric: string): Trainer {
  const fit: Trainer['fit'] = async (frame, target, params, options: FitOptions = {}) => {
    const reporter = reportIterations(trial, metric);
    const onIteration = async (progress: TrainingProgress) => {
      const own = await options.onIteration?.(progress);
      const ours = await reporter.onIteration(progress);
      return own === 'stop' || ours === 'stop' ? 'stop' : undefined;
    };
    const model = await trainer.fit(frame, target, params, { ...options, onIteration });
    if (reporter.prunedAt !== undefined) throw new TrialPrunedError(trial.number, reporter.prunedAt);
    return model;
  };
  return new Proxy(trainer, { get: (t, key, receiver) => (key === 'fit' ? fit : Reflect.get(t, key, receiver)) });
}
