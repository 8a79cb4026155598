import { TunerUsageError } from '../errors';
import type { FrozenTrial } from '../types';
import { lastStep } from '../types';
import type { Pruner, PrunerContext } from './Pruner';

/** Options of {@link SuccessiveHalvingPruner}; defaults are Optuna's. */
export interface SuccessiveHalvingPrunerOptions {
  /** Steps before the first rung; `'auto'` = max(last step of the first complete trial / 100, 1). */
  minResource?: number | 'auto';
  /** Keep the best 1/reductionFactor at each rung (default 4). */
  reductionFactor?: number;
  minEarlyStoppingRate?: number;
  /** Trials that must reach a rung before anyone is promoted past it (default 0). */
  bootstrapCount?: number;
}

/** Rung key stored on a trial; the same name as Optuna's system attribute. */
export const rungKey = (rung: number) => `completed_rung_${rung}`;

/**
 * Asynchronous successive halving (ASHA, Optuna's SuccessiveHalvingPruner): at steps
 * minResource·η^(s+rung) a trial records its value for the rung and continues only when it is in
 * the top 1/η of every value recorded there so far. Asynchronous: no trial waits for others.
 */
export class SuccessiveHalvingPruner implements Pruner {
  readonly name = 'successive-halving';
  private minResource: number | undefined;
  private readonly eta: number;
  private readonly rate: number;
  private readonly bootstrap: number;

  constructor(options: SuccessiveHalvingPrunerOptions = {}) {
    const min = options.minResource ?? 'auto';
    if (min !== 'auto' && !(Number.isInteger(min) && min >= 1)) throw bad('minResource', "an integer ≥ 1 or 'auto'", min);
    this.eta = options.reductionFactor ?? 4;
    if (!Number.isInteger(this.eta) || this.eta < 2) throw bad('reductionFactor', 'an integer ≥ 2', this.eta);
    this.rate = options.minEarlyStoppingRate ?? 0;
    if (!Number.isInteger(this.rate) || this.rate < 0) throw bad('minEarlyStoppingRate', 'an integer ≥ 0', this.rate);
    this.bootstrap = options.bootstrapCount ?? 0;
    if (!Number.isInteger(this.bootstrap) || this.bootstrap < 0) throw bad('bootstrapCount', 'an integer ≥ 0', this.bootstrap);
    if (this.bootstrap > 0 && min === 'auto') throw bad('bootstrapCount', "0 with minResource 'auto'", this.bootstrap);
    this.minResource = min === 'auto' ? undefined : min;
  }

  async prune(ctx: PrunerContext): Promise<boolean> {
    const step = lastStep(ctx.trial);
    if (step === undefined) return false;
    let rung = 0;
    while (rungKey(rung) in ctx.trial.systemAttrs) rung++;
    const value = ctx.trial.intermediate.get(step)!;
    for (;;) {
      if (this.minResource === undefined) {
        this.minResource = estimateMinResource(ctx.trials);
        if (this.minResource === undefined) return false;
      }
      const promotionStep = this.minResource * this.eta ** (this.rate + rung);
      if (step < promotionStep) return false;
      if (Number.isNaN(value)) return true;
      const key = rungKey(rung);
      await ctx.setSystemAttr(key, value);
      const competing = ctx.trials.filter((t) => t.number !== ctx.trial.number && key in t.systemAttrs).map((t) => t.systemAttrs[key] as number);
      competing.push(value);
      if (competing.length <= this.bootstrap) return true;
      if (!promotable(value, competing, this.eta, ctx.direction === 'maximize')) return true;
      rung++;
    }
  }
}

function estimateMinResource(trials: readonly FrozenTrial[]): number | undefined {
  let last: number | undefined;
  for (const t of trials) {
    const s = t.state === 'complete' ? lastStep(t) : undefined;
    if (s !== undefined && (last === undefined || s > last)) last = s;
  }
  return last === undefined ? undefined : Math.max(Math.floor(last / 100), 1);
}

function promotable(value: number, competing: number[], eta: number, maximize: boolean): boolean {
  let idx = Math.floor(competing.length / eta) - 1;
  if (idx === -1) idx = 0;
  competing.sort((a, b) => a - b);
  return maximize ? value >= competing[competing.length - 1 - idx]! : value <= competing[idx]!;
}

function bad(field: string, expected: string, received: unknown): TunerUsageError {
  return new TunerUsageError(`SuccessiveHalvingPruner: ${field}: expected ${expected}, received ${JSON.stringify(received)}`, { path: field, expected, received: JSON.stringify(received) });
}
