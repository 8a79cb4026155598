import { TunerUsageError } from '../errors';
import type { FrozenTrial } from '../types';
import { lastStep } from '../types';
import { firstInInterval } from './firstInInterval';
import type { Pruner, PrunerContext } from './Pruner';

/** Options of {@link PercentilePruner}; defaults are Optuna's. */
export interface PercentilePrunerOptions {
  /** Complete trials needed before anything is pruned (default 5). */
  nStartupTrials?: number;
  /** Steps of each trial never pruned (default 0). */
  nWarmupSteps?: number;
  /** Prune only at the first report of every `intervalSteps` after the warm-up (default 1). */
  intervalSteps?: number;
  /** Complete trials that reported this step needed to compare (default 1). */
  nMinTrials?: number;
}

/**
 * Prunes a trial whose best value so far is worse than the given percentile of the complete trials'
 * values at the same step (Optuna's PercentilePruner, same rules and defaults). A NaN-only trial is pruned.
 */
export class PercentilePruner implements Pruner {
  readonly name: string = 'percentile';
  private readonly o: Required<PercentilePrunerOptions>;

  constructor(
    readonly percentile: number,
    options: PercentilePrunerOptions = {},
  ) {
    if (!(percentile >= 0 && percentile <= 100)) throw new TunerUsageError(`PercentilePruner: percentile must be in [0, 100], received ${percentile}`, { path: 'percentile', expected: 'a number in [0, 100]', received: String(percentile) });
    this.o = { nStartupTrials: 5, nWarmupSteps: 0, intervalSteps: 1, nMinTrials: 1, ...options };
    for (const [key, min] of [['nStartupTrials', 0], ['nWarmupSteps', 0], ['intervalSteps', 1], ['nMinTrials', 1]] as const) {
      const v = this.o[key];
      if (!Number.isInteger(v) || v < min) throw new TunerUsageError(`${this.constructor.name}: ${key} must be an integer ≥ ${min}, received ${v}`, { path: key, expected: `an integer ≥ ${min}`, received: String(v) });
    }
  }

  async prune(ctx: PrunerContext): Promise<boolean> {
    const complete = ctx.trials.filter((t) => t.state === 'complete');
    if (complete.length === 0 || complete.length < this.o.nStartupTrials) return false;
    const step = lastStep(ctx.trial);
    if (step === undefined || step < this.o.nWarmupSteps) return false;
    if (!firstInInterval(step, ctx.trial, this.o.nWarmupSteps, this.o.intervalSteps)) return false;
    const maximize = ctx.direction === 'maximize';
    const best = bestIntermediate(ctx.trial, maximize);
    if (Number.isNaN(best)) return true;
    const atStep = complete.filter((t) => t.intermediate.has(step)).map((t) => t.intermediate.get(step)!);
    if (atStep.length < this.o.nMinTrials) return false;
    const p = nanPercentile(atStep, maximize ? 100 - this.percentile : this.percentile);
    if (Number.isNaN(p)) return false;
    return maximize ? best < p : best > p;
  }
}

/** {@link PercentilePruner} at the 50th percentile (Optuna's MedianPruner). */
export class MedianPruner extends PercentilePruner {
  override readonly name = 'median';
  constructor(options: PercentilePrunerOptions = {}) {
    super(50, options);
  }
}

function bestIntermediate(trial: FrozenTrial, maximize: boolean): number {
  let best = NaN;
  for (const v of trial.intermediate.values()) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (maximize ? v > best : v < best)) best = v;
  }
  return best;
}

/** numpy.nanpercentile with linear interpolation; NaN when every value is NaN. */
export function nanPercentile(values: readonly number[], q: number): number {
  const xs = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const rank = (q / 100) * (xs.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return lo === hi ? xs[lo]! : xs[lo]! + (xs[hi]! - xs[lo]!) * (rank - lo);
}
