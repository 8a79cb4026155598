import type { Distribution } from '../distributions';
import type { Rng } from '../rng';
import type { Direction, FrozenTrial } from '../types';

/** What a sampler sees when a trial suggests a parameter. Read-only. */
export interface SamplerContext {
  readonly directions: readonly Direction[];
  /** The study has constraints: prefer feasible trials (their values are in each trial's `constraints` system attribute). */
  readonly constrained?: boolean;
  /** The study's other trials when this trial started (every state, by number). */
  readonly trials: readonly FrozenTrial[];
  /** The trial being sampled: its number and the internal values it has so far. */
  readonly trial: {
    readonly number: number;
    readonly params: Readonly<Record<string, number>>;
    readonly systemAttrs: Readonly<Record<string, unknown>>;
  };
  /** Records a fact about this trial for later trials (written with the trial's params). */
  setSystemAttr(key: string, value: unknown): void;
  /** Randomness for this trial and parameter, derived from the sampler's seed. */
  readonly rng: Rng;
}

/** What a sampler sees when a trial starts, for sampling several parameters jointly. */
export interface RelativeContext {
  readonly directions: readonly Direction[];
  readonly constrained?: boolean;
  readonly trials: readonly FrozenTrial[];
  readonly trialNumber: number;
  readonly rng: Rng;
}

/** Values proposed jointly for a trial: used for each parameter suggested with the same distribution. */
export type RelativeParams = Record<string, { distribution: Distribution; value: number }>;

/**
 * Chooses parameter values. Define-by-run: called once per `suggest*` of a parameter, so a
 * conditional parameter is sampled only in the trials that reach it. Returns the internal value
 * (a categorical's index), which must lie in `dist`.
 */
export interface Sampler {
  readonly name: string;
  /** Seed the study derives each trial's {@link Rng} from; random when not given. */
  readonly seed: number;
  sample(ctx: SamplerContext, name: string, dist: Distribution): number;
  /**
   * Optional joint proposal, made once when a trial starts (before its first `suggest*`): parameters
   * it covers take these values; others go through {@link sample}.
   */
  relative?(ctx: RelativeContext): RelativeParams;
  /** True when the sampler has nothing left to propose (a finished grid): `optimize` stops. */
  exhausted?(trials: readonly FrozenTrial[]): boolean;
}

/** A seed from the given one, or a random one. */
export function resolveSeed(seed: number | undefined): number {
  return seed === undefined ? Math.floor(Math.random() * 2 ** 32) : seed >>> 0;
}
