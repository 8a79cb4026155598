import { TunerUsageError } from '../errors';
import { lastStep } from '../types';
import { firstInInterval } from './firstInInterval';
import type { Pruner, PrunerContext } from './Pruner';

/** Options of {@link ThresholdPruner}; give `lower`, `upper` or both. */
export interface ThresholdPrunerOptions {
  lower?: number;
  upper?: number;
  nWarmupSteps?: number;
  intervalSteps?: number;
}

/** Prunes when the latest reported value leaves [lower, upper] or is NaN (Optuna's ThresholdPruner). */
export class ThresholdPruner implements Pruner {
  readonly name = 'threshold';
  private readonly lower: number;
  private readonly upper: number;
  private readonly warmup: number;
  private readonly interval: number;

  constructor(options: ThresholdPrunerOptions) {
    if (options.lower === undefined && options.upper === undefined) throw new TunerUsageError('ThresholdPruner: give lower, upper or both', { path: 'lower' });
    this.lower = options.lower ?? -Infinity;
    this.upper = options.upper ?? Infinity;
    if (!(this.lower <= this.upper)) throw new TunerUsageError(`ThresholdPruner: lower (${this.lower}) must not exceed upper (${this.upper})`, { path: 'lower' });
    this.warmup = options.nWarmupSteps ?? 0;
    this.interval = options.intervalSteps ?? 1;
    if (!Number.isInteger(this.warmup) || this.warmup < 0) throw new TunerUsageError(`ThresholdPruner: nWarmupSteps must be an integer ≥ 0, received ${this.warmup}`, { path: 'nWarmupSteps' });
    if (!Number.isInteger(this.interval) || this.interval < 1) throw new TunerUsageError(`ThresholdPruner: intervalSteps must be an integer ≥ 1, received ${this.interval}`, { path: 'intervalSteps' });
  }

  async prune(ctx: PrunerContext): Promise<boolean> {
    const step = lastStep(ctx.trial);
    if (step === undefined || step < this.warmup) return false;
    if (!firstInInterval(step, ctx.trial, this.warmup, this.interval)) return false;
    const v = ctx.trial.intermediate.get(step)!;
    return Number.isNaN(v) || v < this.lower || v > this.upper;
  }
}
