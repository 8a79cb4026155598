import { TunerError, tunerErrorCodes } from './errors';
import { nonDominatedRanks } from './pareto';
import type { FrozenTrial } from './types';

/**
 * Constraints of a study (Optuna's `constraints_func`): called with each complete or pruned trial,
 * it returns one number per constraint; the trial is feasible when every number is ≤ 0.
 */
export type ConstraintsFunction = (trial: FrozenTrial) => number[];

/** The system attribute a trial's constraint values are stored under (Optuna's key). */
export const constraintsAttr = 'constraints';

/** The stored constraint values of a trial, if it has any. */
export function constraintsOf(trial: FrozenTrial): number[] | undefined {
  const values = trial.systemAttrs[constraintsAttr];
  return Array.isArray(values) ? (values as number[]) : undefined;
}

/**
 * A trial is infeasible when a stored constraint value is positive. Trials without constraint
 * values (a study without constraints, or a failed trial) count as feasible here, so best-trial
 * queries work the same on studies with and without constraints.
 */
export function isFeasible(trial: FrozenTrial): boolean {
  return !(constraintsOf(trial)?.some((c) => c > 0) ?? false);
}

/** How far a trial is from feasible: the sum of its positive constraint values; ∞ without any (as Optuna). */
export function violationOf(trial: FrozenTrial): number {
  const values = constraintsOf(trial);
  if (!values) return Infinity;
  let sum = 0;
  for (const c of values) if (c > 0) sum += c;
  return sum;
}

/** Runs the study's constraints on a finished trial; a bad result throws naming the trial and what came back. */
export function evaluateConstraints(fn: ConstraintsFunction, trial: FrozenTrial): number[] {
  const values = fn(trial);
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || Number.isNaN(v))) {
    throw new TunerError(tunerErrorCodes.usage, `constraints of trial ${trial.number}: expected an array of numbers (not NaN), received ${JSON.stringify(values)}`, { path: 'study.constraints', expected: 'number[]', received: JSON.stringify(values) });
  }
  return [...values];
}

/**
 * Non-domination ranks under constrained domination (Deb's, as Optuna's NSGA-II): every feasible
 * trial is ranked before every infeasible one; feasible trials by ordinary domination of their
 * (minimised) points; infeasible ones by their total violation, equal violations sharing a rank.
 */
export function constrainedRanks(trials: readonly FrozenTrial[], points: readonly (readonly number[])[]): number[] {
  const violations = trials.map(violationOf);
  const feasible = trials.map((_, i) => i).filter((i) => violations[i] === 0);
  const ranks = new Array<number>(trials.length).fill(0);
  const feasibleRanks = nonDominatedRanks(feasible.map((i) => points[i]!));
  feasible.forEach((i, k) => (ranks[i] = feasibleRanks[k]!));
  const base = feasibleRanks.length ? Math.max(...feasibleRanks) + 1 : 0;
  const levels = [...new Set(violations.filter((v) => v > 0))].sort((a, b) => a - b);
  trials.forEach((_, i) => {
    if (violations[i]! > 0) ranks[i] = base + levels.indexOf(violations[i]!);
  });
  return ranks;
}
