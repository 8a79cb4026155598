import { SearchSpaceError } from './errors';
import type { CategoricalChoice, ParamValue } from './types';

/** A float range, optionally on a log scale or on a grid of `step`. */
export interface FloatDistribution {
  type: 'float';
  low: number;
  high: number;
  log: boolean;
  step: number | undefined;
}

/** An integer range with a `step` (1 by default), optionally on a log scale. */
export interface IntDistribution {
  type: 'int';
  low: number;
  high: number;
  log: boolean;
  step: number;
}

/** A choice among JSON scalars; the sampler works on the index. */
export interface CategoricalDistribution {
  type: 'categorical';
  choices: readonly CategoricalChoice[];
}

/** Where a parameter's value may come from. */
export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

/** Options of `suggestFloat` / `suggestInt`. */
export interface SuggestOptions {
  log?: boolean;
  step?: number;
}

function finite(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SearchSpaceError(path, 'a finite number', value);
  return value;
}

/**
 * Checks the arguments of `suggestFloat` and returns the distribution. As in Optuna, a `high` that
 * is not on the `step` grid is lowered onto it (0.05 steps from 0 to 1.02 end at 1.0).
 */
export function floatDistribution(name: string, low: number, high: number, options: SuggestOptions = {}): FloatDistribution {
  const at = `suggestFloat(${JSON.stringify(name)})`;
  finite(`${at}.low`, low);
  finite(`${at}.high`, high);
  if (low > high) throw new SearchSpaceError(`${at}.high`, `a number ≥ low (${low})`, high);
  const log = options.log ?? false;
  const step = options.step;
  if (step !== undefined && !(finite(`${at}.step`, step) > 0)) throw new SearchSpaceError(`${at}.step`, 'a positive number', step);
  if (log && step !== undefined) throw new SearchSpaceError(`${at}.step`, 'no step together with log: true', step);
  if (log && low <= 0) throw new SearchSpaceError(`${at}.low`, 'a number > 0 with log: true', low);
  return { type: 'float', low, high: step === undefined ? high : onGrid(low, high, step), log, step };
}

/** Checks the arguments of `suggestInt` and returns the distribution (`high` lowered onto the step grid). */
export function intDistribution(name: string, low: number, high: number, options: SuggestOptions = {}): IntDistribution {
  const at = `suggestInt(${JSON.stringify(name)})`;
  if (!Number.isSafeInteger(low)) throw new SearchSpaceError(`${at}.low`, 'an integer', low);
  if (!Number.isSafeInteger(high)) throw new SearchSpaceError(`${at}.high`, 'an integer', high);
  if (low > high) throw new SearchSpaceError(`${at}.high`, `an integer ≥ low (${low})`, high);
  const log = options.log ?? false;
  const step = options.step ?? 1;
  if (!Number.isSafeInteger(step) || step < 1) throw new SearchSpaceError(`${at}.step`, 'a positive integer', step);
  if (log && step !== 1) throw new SearchSpaceError(`${at}.step`, 'step 1 with log: true', step);
  if (log && low < 1) throw new SearchSpaceError(`${at}.low`, 'an integer ≥ 1 with log: true', low);
  return { type: 'int', low, high: low + Math.floor((high - low) / step) * step, log, step };
}

/** Checks the arguments of `suggestCategorical`: a non-empty list of distinct JSON scalars. */
export function categoricalDistribution(name: string, choices: readonly CategoricalChoice[]): CategoricalDistribution {
  const at = `suggestCategorical(${JSON.stringify(name)}).choices`;
  if (!Array.isArray(choices) || choices.length === 0) throw new SearchSpaceError(at, 'a non-empty array', choices);
  const seen = new Set<string>();
  choices.forEach((choice, i) => {
    const ok = choice === null || typeof choice === 'string' || typeof choice === 'boolean' || (typeof choice === 'number' && Number.isFinite(choice));
    if (!ok) throw new SearchSpaceError(`${at}[${i}]`, 'a string, finite number, boolean or null', choice);
    const key = JSON.stringify(choice);
    if (seen.has(key)) throw new SearchSpaceError(`${at}[${i}]`, 'distinct choices', choice);
    seen.add(key);
  });
  return { type: 'categorical', choices: [...choices] };
}

// Counting steps in decimal-safe arithmetic: (1.02 - 0) / 0.05 is 20.400000000000002.
function onGrid(low: number, high: number, step: number): number {
  const n = Math.floor((high - low) / step + 1e-9);
  return Math.min(high, low + n * step);
}

/** The number a sampler works with: the value itself, or a categorical's index. */
export function toInternal(dist: Distribution, value: ParamValue): number {
  if (dist.type === 'categorical') return dist.choices.findIndex((c) => c === value || (typeof c === 'number' && typeof value === 'number' && c === value));
  return value as number;
}

/** The value the objective sees for a sampler's number. */
export function toExternal(dist: Distribution, internal: number): ParamValue {
  if (dist.type === 'categorical') return dist.choices[internal] as CategoricalChoice;
  return internal;
}

/** Whether an internal value lies in the distribution (on its grid for step and int). */
export function containsInternal(dist: Distribution, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (dist.type === 'categorical') return Number.isInteger(x) && x >= 0 && x < dist.choices.length;
  if (x < dist.low || x > dist.high) return false;
  if (dist.type === 'int') return Number.isInteger(x) && (x - dist.low) % dist.step === 0;
  if (dist.step === undefined) return true;
  const k = (x - dist.low) / dist.step;
  return Math.abs(k - Math.round(k)) < 1e-8;
}

/** A distribution with one possible value; it is not sampled. */
export function singleValue(dist: Distribution): number | undefined {
  if (dist.type === 'categorical') return dist.choices.length === 1 ? 0 : undefined;
  return dist.low === dist.high ? dist.low : undefined;
}

/** Whether two distributions are the same (a parameter's distribution may not change within a trial). */
export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a === b) return true;
  if (a.type === 'categorical' || b.type === 'categorical') {
    if (a.type !== 'categorical' || b.type !== 'categorical') return false;
    return a.choices.length === b.choices.length && a.choices.every((c, i) => c === b.choices[i]);
  }
  return a.type === b.type && a.low === b.low && a.high === b.high && a.log === b.log && (a.step ?? undefined) === (b.step ?? undefined);
}
