import type { Distribution } from './distributions';

/** Whether a study minimises or maximises an objective. */
export type Direction = 'minimize' | 'maximize';

/**
 * Life of a trial: `waiting` (enqueued, not yet claimed), `running` (claimed by one worker), then
 * one final state. Only a running trial can finish, which is what keeps two workers off one trial.
 */
export type TrialState = 'waiting' | 'running' | 'complete' | 'pruned' | 'fail';

/** A value of `suggestCategorical`; stored as JSON, so only JSON scalars. */
export type CategoricalChoice = string | number | boolean | null;

/** A parameter's value as the objective sees it. */
export type ParamValue = number | CategoricalChoice;

/** A study as stored. */
export interface StudyRecord {
  id: number;
  name: string;
  directions: Direction[];
}

/** A snapshot of one trial, as stored. Params are kept in both forms: what the objective saw and the sampler's number. */
export interface FrozenTrial {
  id: number;
  number: number;
  state: TrialState;
  /** One value per objective once complete. */
  values: number[] | undefined;
  params: Record<string, ParamValue>;
  /** Internal representation: the number itself, or a categorical's index. */
  internalParams: Record<string, number>;
  distributions: Record<string, Distribution>;
  /** Reported values by step (NaN allowed). */
  intermediate: Map<number, number>;
  systemAttrs: Record<string, unknown>;
  userAttrs: Record<string, unknown>;
  startedAt: number | undefined;
  completedAt: number | undefined;
  heartbeatAt: number | undefined;
  /** Why a failed trial failed. */
  error: string | undefined;
}

/** The largest step reported, if any. */
export function lastStep(trial: FrozenTrial): number | undefined {
  let last: number | undefined;
  for (const step of trial.intermediate.keys()) if (last === undefined || step > last) last = step;
  return last;
}
