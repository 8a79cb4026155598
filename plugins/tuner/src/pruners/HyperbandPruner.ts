import { crc32 } from 'node:zlib';
import { TunerUsageError } from '../errors';
import type { FrozenTrial } from '../types';
import { lastStep } from '../types';
import type { Pruner, PrunerContext } from './Pruner';
import { SuccessiveHalvingPruner } from './SuccessiveHalvingPruner';

/** Options of {@link HyperbandPruner}; defaults are Optuna's. */
export interface HyperbandPrunerOptions {
  minResource?: number;
  /** Steps of a full trial; `'auto'` = last step of the first complete trial + 1. */
  maxResource?: number | 'auto';
  reductionFactor?: number;
  bootstrapCount?: number;
}

/**
 * Hyperband as Optuna runs it: several successive-halving brackets with increasing early-stopping
 * rates; a trial's bracket is crc32(`${study}_${number}`) modulo the total budget (so every worker
 * agrees), and it competes only with trials of its bracket.
 */
export class HyperbandPruner implements Pruner {
  readonly name = 'hyperband';
  private readonly minResource: number;
  private maxResource: number | 'auto';
  private readonly eta: number;
  private readonly bootstrap: number;
  private brackets: { pruner: SuccessiveHalvingPruner; budget: number }[] = [];
  private total = 0;

  constructor(options: HyperbandPrunerOptions = {}) {
    this.minResource = options.minResource ?? 1;
    this.maxResource = options.maxResource ?? 'auto';
    this.eta = options.reductionFactor ?? 3;
    this.bootstrap = options.bootstrapCount ?? 0;
    if (this.maxResource !== 'auto' && !(Number.isInteger(this.maxResource) && this.maxResource >= this.minResource)) {
      throw new TunerUsageError(`HyperbandPruner: maxResource: expected an integer ≥ minResource or 'auto', received ${JSON.stringify(this.maxResource)}`, { path: 'maxResource' });
    }
  }

  async prune(ctx: PrunerContext): Promise<boolean> {
    if (this.brackets.length === 0 && !this.init(ctx.trials)) return false;
    const bracket = this.bracketOf(ctx.studyName, ctx.trial.number);
    const trials = ctx.trials.filter((t) => this.bracketOf(ctx.studyName, t.number) === bracket);
    return this.brackets[bracket]!.pruner.prune({ ...ctx, trials });
  }

  /** Bracket of a trial, the same in every process. */
  bracketOf(studyName: string, number: number): number {
    let n = crc32(`${studyName}_${number}`) % this.total;
    for (let b = 0; b < this.brackets.length; b++) {
      n -= this.brackets[b]!.budget;
      if (n < 0) return b;
    }
    return this.brackets.length - 1;
  }

  private init(trials: readonly FrozenTrial[]): boolean {
    if (this.maxResource === 'auto') {
      const steps = trials.filter((t) => t.state === 'complete').map(lastStep).filter((s): s is number => s !== undefined);
      if (steps.length === 0) return false;
      this.maxResource = Math.max(...steps) + 1;
    }
    const n = Math.floor(Math.log(this.maxResource / this.minResource) / Math.log(this.eta)) + 1; // as Python math.log(x, base), floating error included
    for (let b = 0; b < n; b++) {
      const s = n - 1 - b;
      const budget = Math.ceil((n * this.eta ** s) / (s + 1));
      this.total += budget;
      this.brackets.push({ budget, pruner: new SuccessiveHalvingPruner({ minResource: this.minResource, reductionFactor: this.eta, minEarlyStoppingRate: b, bootstrapCount: this.bootstrap }) });
    }
    return true;
  }
}
