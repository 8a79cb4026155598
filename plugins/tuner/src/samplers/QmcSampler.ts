import type { Distribution } from '../distributions';
import { createRng } from '../rng';
import { fromUnit } from './fromUnit';
import { resolveSeed, type Sampler, type SamplerContext } from './Sampler';
import { maxSobolDimension, sobolBits, sobolCoordinate } from './sobol';

/** Options of {@link QmcSampler}. */
export interface QmcSamplerOptions {
  seed?: number;
  /**
   * Random digital shift (XOR of each coordinate with a seeded random number): keeps the point set's
   * structure but moves it off the origin. Not Owen scrambling (what Optuna's default uses). Default false.
   */
  scramble?: boolean;
  /** Dimension of each parameter; by default a parameter takes the next dimension in suggestion order within its trial. */
  paramOrder?: readonly string[];
}

/**
 * Quasi-random sampling with the Sobol sequence (Joe–Kuo directions, as SciPy): trial `n` takes
 * point `n`, so workers sharing a study never draw the same point (trial numbers are atomic).
 */
export class QmcSampler implements Sampler {
  readonly name = 'qmc-sobol';
  readonly seed: number;
  private readonly shifts: number[];
  private readonly order: readonly string[] | undefined;

  constructor(options: QmcSamplerOptions = {}) {
    this.seed = resolveSeed(options.seed);
    this.order = options.paramOrder;
    const rng = createRng(this.seed);
    this.shifts = Array.from({ length: maxSobolDimension }, () => (options.scramble ? Math.floor(rng.next() * 2 ** sobolBits) : 0));
  }

  sample(ctx: SamplerContext, name: string, dist: Distribution): number {
    const fixed = this.order?.indexOf(name) ?? -1;
    const dim = fixed >= 0 ? fixed : (this.order?.length ?? 0) + Object.keys(ctx.trial.params).length;
    return fromUnit(dist, sobolCoordinate(ctx.trial.number, dim, this.shifts[dim]));
  }
}
