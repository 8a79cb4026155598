import { MlopsError } from '@mlops/errors';

/** Codes of the tuner's errors; scripts match on them, so they never change meaning. */
export const tunerErrorCodes = {
  /** A search-space argument that cannot be sampled (low > high, log with low ≤ 0, a bad step). */
  space: 'E_TUNER_SPACE',
  /** A study or trial call that does not fit the study's state (unknown study, finished trial, wrong number of values). */
  usage: 'E_TUNER_USAGE',
  /** A study created twice under one name. */
  duplicateStudy: 'E_TUNER_DUPLICATE_STUDY',
  /** A study or trial that does not exist. */
  notFound: 'E_TUNER_NOT_FOUND',
  /** The objective asked to stop this trial (thrown by {@link TrialPruned}). */
  pruned: 'E_TUNER_PRUNED', // = core's trialPrunedCode (a trainer stopped by the pruner throws core's TrialPrunedError)
} as const;

/** One of the codes above. */
export type TunerErrorCode = (typeof tunerErrorCodes)[keyof typeof tunerErrorCodes];

/** Base of every error of the tuner. */
export class TunerError extends MlopsError<TunerErrorCode> {}

/** A bad search-space argument: `path` is `trial.suggestFloat(name).low` and the like. */
export class SearchSpaceError extends TunerError {
  constructor(path: string, expected: string, received: unknown) {
    super(tunerErrorCodes.space, `${path}: expected ${expected}, received ${JSON.stringify(received)}`, {
      path,
      expected,
      received: JSON.stringify(received),
      badInput: true,
    });
  }
}

/** A call that does not fit the state of the study or trial. */
export class TunerUsageError extends TunerError {
  constructor(message: string, data: { path?: string; expected?: string; received?: string } = {}) {
    super(tunerErrorCodes.usage, message, { ...data, badInput: true });
  }
}

/**
 * Thrown by an objective (usually right after `await trial.shouldPrune()` said yes) to stop the
 * trial; `optimize` records it as pruned with its last reported value, not as a failure.
 */
export class TrialPruned extends TunerError {
  constructor(message = 'trial pruned') {
    super(tunerErrorCodes.pruned, message);
  }
}
