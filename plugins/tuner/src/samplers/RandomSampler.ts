import type { Distribution } from '../distributions';
import { fromUnit } from './fromUnit';
import { resolveSeed, type Sampler, type SamplerContext } from './Sampler';

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  seed?: number;
}

/** Independent uniform sampling (log-uniform for log ranges). */
export class RandomSampler implements Sampler {
  readonly name = 'random';
  readonly seed: number;

  constructor(options: RandomSamplerOptions = {}) {
    this.seed = resolveSeed(options.seed);
  }

  sample(ctx: SamplerContext, _name: string, dist: Distribution): number {
    return fromUnit(dist, ctx.rng.next());
  }
}
