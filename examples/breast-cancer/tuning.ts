import { defineStudy } from '@mlops/core';

/**
 * The GBDT study of `npx mlops tune run gbdt`: each trial runs the `train` pipeline up to its `train`
 * step (ingest, validate, split and preprocess are cache hits after the first) with the trainer params
 * below, and scores the held-out log loss. The trainer reports the held-out log loss after every
 * boosting round; the median pruner stops a trial whose curve is worse than the median of finished
 * trials at the same round. Tuning selects on the held-out split, so its best score is optimistic.
 */
export const gbdt = defineStudy({
  pipeline: 'train',
  objective: 'train.logLoss',
  direction: 'minimize',
  space: (trial) => ({
    trainer: {
      nRounds: 200,
      learningRate: trial.suggestFloat('learningRate', 0.01, 0.3, { log: true }),
      maxDepth: trial.suggestInt('maxDepth', 2, 6),
      minSamplesLeaf: trial.suggestInt('minSamplesLeaf', 5, 40, { step: 5 }),
      l2: trial.suggestFloat('l2', 1e-3, 10, { log: true }),
      subsample: trial.suggestFloat('subsample', 0.5, 1),
    },
  }),
  intermediate: 'valid_logloss',
  // Constant liar: with --workers, trials running elsewhere count as bad, so workers spread out.
  sampler: { kind: 'tpe', seed: 42, constantLiar: true },
  pruner: { kind: 'median', nStartupTrials: 5, nWarmupSteps: 20 },
  trials: 30,
  // --register: the best params through the whole `train` pipeline, taking the tuned GBDT (not the
  // baseline); its register step asks the gate, which promotes it only if it beats the champion.
  register: { pipeline: 'train', params: { candidate: 'gbdt' } },
});
