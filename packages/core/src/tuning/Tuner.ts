import type { Lifecycle } from '../plugins/Lifecycle';
import type { StudyDefinition } from './StudyDefinition';

/** Whether a study minimises or maximises an objective. */
export type TuningDirection = 'minimize' | 'maximize';

/** Where a trial is: waiting (enqueued), running, or finished one of three ways. */
export type TuningTrialState = 'waiting' | 'running' | 'complete' | 'pruned' | 'fail';

/** A parameter value as the objective sees it. */
export type TuningParamValue = number | string | boolean | null;

/** Options of `suggestFloat` / `suggestInt`: a log scale, or a grid `low + k·step` (not both). */
export interface TuningSuggestOptions {
  log?: boolean;
  step?: number;
}

/** The sampler a study uses, as data (so config files and several processes agree on it). */
export type SamplerSpec =
  | {
      kind: 'tpe';
      seed?: number;
      nStartupTrials?: number;
      startup?: 'random' | 'lhs' | 'sobol';
      /** Trial 0 is the centre of the space (default with one objective). */
      startupCentre?: boolean;
      /**
       * EI candidates per proposal, or a schedule over the number of finished trials n: steps
       * `[{ from: 0, count: 64 }, { from: 30, count: 256 }]` (the count of the last step with from ≤ n).
       */
      nEiCandidates?: number | readonly { from: number; count: number }[];
      /** Multivariate: from this many finished trials on, candidates move good trials along a few parameters (default 10 per parameter with one objective; false: never). */
      sparseCandidatesFrom?: number | false;
      /** γ(n) = min(⌈gammaFactor·n⌉, 25) good trials (0.1 is Optuna's). */
      gammaFactor?: number;
      multivariate?: boolean;
      multivariateBandwidth?: 'scott' | 'neighbour';
      group?: boolean;
      constantLiar?: boolean;
      hypervolumeWeights?: boolean;
      goodWeights?: 'equal' | 'rank';
    }
  | { kind: 'random'; seed?: number }
  | { kind: 'qmc'; seed?: number; scramble?: boolean }
  | { kind: 'grid'; searchSpace: Record<string, readonly TuningParamValue[]> }
  | { kind: 'nsga2'; seed?: number; populationSize?: number; crossoverProb?: number; mutationProb?: number };

/** The pruner a study uses, as data; the defaults are Optuna's. */
export type PrunerSpec =
  | { kind: 'none' }
  | { kind: 'median'; nStartupTrials?: number; nWarmupSteps?: number; intervalSteps?: number }
  | { kind: 'percentile'; percentile: number; nStartupTrials?: number; nWarmupSteps?: number; intervalSteps?: number }
  | { kind: 'successive-halving'; minResource?: number | 'auto'; reductionFactor?: number; minEarlyStoppingRate?: number }
  | { kind: 'hyperband'; minResource?: number; maxResource?: number | 'auto'; reductionFactor?: number }
  | { kind: 'threshold'; lower?: number; upper?: number; nWarmupSteps?: number }
  | { kind: 'patient'; patience: number; minDelta?: number };

/** A running trial, handed to the objective: define-by-run suggestions, intermediate values, pruning. */
export interface TuningTrial {
  readonly number: number;
  suggestFloat(name: string, low: number, high: number, options?: TuningSuggestOptions): number;
  suggestInt(name: string, low: number, high: number, options?: TuningSuggestOptions): number;
  suggestCategorical<T extends TuningParamValue>(name: string, choices: readonly T[]): T;
  /** The parameters suggested so far. */
  readonly params: Readonly<Record<string, TuningParamValue>>;
  /** Records an intermediate value (a validation loss after a round or epoch) at an integer step ≥ 0. */
  report(value: number, step: number): Promise<void>;
  /** Asks the study's pruner whether to stop now. */
  shouldPrune(): Promise<boolean>;
  /** Records a JSON value on the trial. */
  setUserAttr(key: string, value: unknown): void;
}

/** A finished or running trial as stored. */
export interface TuningTrialRecord {
  number: number;
  state: TuningTrialState;
  params: Record<string, TuningParamValue>;
  /** The objective values (one per direction); a pruned trial keeps its last intermediate value. */
  values?: number[];
  /** Intermediate values by step. */
  intermediate: ReadonlyMap<number, number>;
  userAttrs: Record<string, unknown>;
  startedAt?: number;
  completedAt?: number;
  error?: string;
  /** The study's constraint values for this trial (feasible when all ≤ 0), if it has constraints. */
  constraints?: number[];
  /** When this trial retries a failed one: the number of the first failed trial of its chain. */
  retriedFrom?: number;
}

/**
 * A study's constraints (Optuna's `constraints_func`): one number per constraint for a complete or
 * pruned trial; the trial is feasible when all are ≤ 0.
 */
export type TuningConstraints = (trial: TuningTrialRecord) => number[];

/** How a trial ended: its value(s), pruned, or failed with an error. */
export type TuningResult = number | number[] | { state: 'pruned' } | { state: 'fail'; error: string };

/** What `Tuner.openStudy` takes. */
export interface OpenStudyOptions {
  name: string;
  /** One direction, or one per objective (several objectives give a Pareto front). Default minimize. */
  directions?: TuningDirection[];
  sampler?: SamplerSpec;
  pruner?: PrunerSpec;
  /** Continue a study of that name (its directions must match) instead of failing. Default true. */
  loadIfExists?: boolean;
  /** Feasibility of each finished trial; samplers prefer feasible trials, the best trial is a feasible one. */
  constraints?: TuningConstraints;
  /** Re-run a failed trial (error or lost worker) with the same params up to this many times. Default 0. */
  maxRetries?: number;
}

/** A study: ask/tell, `optimize`, and what it learnt so far. Several processes may share one. */
export interface TuningStudy {
  readonly name: string;
  readonly directions: readonly TuningDirection[];
  /** Starts a trial (an enqueued one first); finish it with {@link tell}. */
  ask(): Promise<TuningTrial>;
  /** Finishes a trial; returns its final state (a trial already failed by the heartbeat check stays failed). */
  tell(trial: TuningTrial, result: TuningResult): Promise<TuningTrialState>;
  /**
   * Runs trials until `nTrials` finish here or `timeoutMs` passes; a failing objective fails only its
   * trial, unless its error is bad input (`badInput`, e.g. params the pipeline refuses): every trial
   * would fail alike, so that trial is recorded failed and the error rethrown. `concurrency` trials
   * at once (async: for objectives that wait on other processes, such as trials submitted to the
   * orchestrator); default 1.
   */
  optimize(objective: (trial: TuningTrial) => Promise<number | number[]> | number | number[], options?: { nTrials?: number; timeoutMs?: number; concurrency?: number }): Promise<void>;
  /** Fixes some parameters of a future trial, run before any new one. */
  enqueueTrial(params: Record<string, TuningParamValue>): Promise<number>;
  trials(states?: readonly TuningTrialState[]): Promise<TuningTrialRecord[]>;
  /** The best feasible complete trial (one objective); undefined before any completes. */
  bestTrial(): Promise<TuningTrialRecord | undefined>;
  /** The Pareto front of feasible complete trials (any number of objectives). */
  bestTrials(): Promise<TuningTrialRecord[]>;
}

/** What `listStudies` returns per study. */
export interface TuningStudySummary {
  name: string;
  directions: TuningDirection[];
  /** Trials by state. */
  counts: Record<TuningTrialState, number>;
  /** Best value of a single-objective study, if any trial completed. */
  bestValue?: number;
}

/**
 * The hyperparameter tuner (`tokens.tuner`): studies kept in shared storage, and the study
 * definitions of the config (`mlops tune STUDY` runs one).
 */
export interface Tuner extends Lifecycle {
  /** Creates a study or, by default, continues the one of that name. */
  openStudy(options: OpenStudyOptions): Promise<TuningStudy>;
  /** An existing study; throws `NotFoundError` naming the studies there are. */
  loadStudy(name: string): Promise<TuningStudy>;
  listStudies(): Promise<TuningStudySummary[]>;
  /** Study definitions from the config, by name. */
  readonly definitions: Readonly<Record<string, StudyDefinition>>;
}
