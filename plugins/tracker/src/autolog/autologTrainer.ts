import type { FitOptions, StepTracking, Trainer, TrainingProgress } from '@mlops/core';

const flushEvery = 200;

/**
 * Wraps a trainer so `fit` logs on its own: the trainer kind, target and params, and every
 * iteration's metrics as a curve (buffered, flushed every few hundred points and when fit ends).
 * The caller's own `onIteration` still runs and can still stop training.
 */
export function autologTrainer(trainer: Trainer, track: StepTracking): Trainer {
  const fit: Trainer['fit'] = async (frame, target, params, options: FitOptions = {}) => {
    await track.params({ trainer: trainer.kind, target, ...(params !== null && typeof params === 'object' ? params : { params }) });
    const pending: { values: Record<string, number>; step: number }[] = [];
    let buffered = 0;
    const flush = async () => {
      buffered = 0;
      if (pending.length) await track.curve(pending.splice(0));
    };
    const onIteration = async (progress: TrainingProgress) => {
      pending.push({ values: progress.metrics, step: progress.iteration });
      buffered += Object.keys(progress.metrics).length;
      if (buffered >= flushEvery) await flush();
      return options.onIteration?.(progress);
    };
    try {
      return await trainer.fit(frame, target, params, { ...options, onIteration });
    } finally {
      await flush();
    }
  };
  return new Proxy(trainer, { get: (t, key, receiver) => (key === 'fit' ? fit : Reflect.get(t, key, receiver)) });
}
