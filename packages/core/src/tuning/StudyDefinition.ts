import type { PrunerSpec, SamplerSpec, TuningConstraints, TuningDirection, TuningTrial } from './Tuner';

/**
 * A study defined in config (`plugins.tuner.options.studies.<name>`): each trial runs the pipeline
 * up to the objective's step with the params `space` returns, and its value is a metric that step
 * reported. Intermediate values come from the trainer's iterations, for pruning.
 */
export interface StudyDefinition {
  /** Pipeline each trial runs (only the steps the objective's step needs). */
  pipeline: string;
  /**
   * Metric(s) to optimise as `<step>.<metric>`: the top-level numbers of a step's `evaluation` or
   * `metrics` output, e.g. `train.rocAuc`. Several give a multi-objective study (Pareto front).
   */
  objective: string | string[];
  /** One per objective; default minimize. */
  direction?: TuningDirection | TuningDirection[];
  /** The search space, in code: pipeline params for one trial (merged into the pipeline's defaults). */
  space: (trial: TuningTrial) => Record<string, unknown>;
  /**
   * Trainer metric reported each iteration as the intermediate value (e.g. `valid_logloss`), lower
   * or higher as the objective's direction says; the pruner decides after each report. Omit to not prune.
   */
  intermediate?: string;
  sampler?: SamplerSpec;
  pruner?: PrunerSpec;
  /**
   * Constraints (Optuna's `constraints_func`): numbers for a finished trial, feasible when all ≤ 0.
   * The trial's `userAttrs.metrics` holds every number the objective's steps reported, by
   * `<step>.<metric>` (e.g. `(t) => [t.userAttrs.metrics['train.modelBytes'] - 1e6]`).
   */
  constraints?: TuningConstraints;
  /** Re-run a failed trial (error or killed worker) with the same params up to this many times (default 0). */
  maxRetries?: number;
  /** Trials per `mlops tune` unless `--trials` says otherwise (default 20). */
  trials?: number;
  /**
   * `mlops tune --register`: run this pipeline with the best trial's params (and `params`, e.g. to
   * pick the tuned model); its steps register the model through the registry's gate.
   */
  register?: { pipeline: string; params?: Record<string, unknown> };
}

/** Types a study definition (nothing else). */
export function defineStudy(definition: StudyDefinition): StudyDefinition {
  return definition;
}
