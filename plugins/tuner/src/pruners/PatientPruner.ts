import { TunerUsageError } from '../errors';
import { lastStep } from '../types';
import type { Pruner, PrunerContext } from './Pruner';

/**
 * Tolerates `patience` reports without improvement (by more than `minDelta`) before asking the wrapped
 * pruner, or pruning outright when there is none (Optuna's PatientPruner).
 */
export class PatientPruner implements Pruner {
  readonly name = 'patient';

  constructor(
    private readonly wrapped: Pruner | undefined,
    private readonly patience: number,
    private readonly minDelta = 0,
  ) {
    if (!Number.isInteger(patience) || patience < 0) throw new TunerUsageError(`PatientPruner: patience must be an integer ≥ 0, received ${patience}`, { path: 'patience' });
    if (!(minDelta >= 0)) throw new TunerUsageError(`PatientPruner: minDelta must be ≥ 0, received ${minDelta}`, { path: 'minDelta' });
  }

  async prune(ctx: PrunerContext): Promise<boolean> {
    if (lastStep(ctx.trial) === undefined) return false;
    const steps = [...ctx.trial.intermediate.keys()].sort((a, b) => a - b);
    if (steps.length <= this.patience + 1) return false;
    const cut = steps.length - this.patience - 1;
    const before = steps.slice(0, cut).map((s) => ctx.trial.intermediate.get(s)!);
    const after = steps.slice(cut).map((s) => ctx.trial.intermediate.get(s)!);
    // NaN-ignoring extremes; an all-NaN side gives NaN and then no comparison holds (as numpy).
    const maybePrune = ctx.direction === 'minimize' ? nanExtreme(before, Math.min) + this.minDelta < nanExtreme(after, Math.min) : nanExtreme(before, Math.max) - this.minDelta > nanExtreme(after, Math.max);
    if (!maybePrune) return false;
    return this.wrapped ? this.wrapped.prune(ctx) : true;
  }
}

function nanExtreme(values: number[], pick: (...xs: number[]) => number): number {
  const xs = values.filter((v) => !Number.isNaN(v));
  return xs.length ? pick(...xs) : NaN;
}
