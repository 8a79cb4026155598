import { containsInternal, toInternal, type Distribution } from '../distributions';
import { SearchSpaceError, TunerUsageError } from '../errors';
import type { CategoricalChoice, FrozenTrial } from '../types';
import { resolveSeed, type Sampler, type SamplerContext } from './Sampler';

/** Options of {@link GridSampler}: the values of each parameter. */
export interface GridSamplerOptions {
  searchSpace: Record<string, readonly CategoricalChoice[]>;
  seed?: number;
}

const gridKey = 'grid_id';

/**
 * Every combination once. Points are numbered like Optuna's (`itertools.product` over the
 * parameter names sorted, each list in the given order). A trial takes the point with its own
 * number when that one is free, else the lowest free point: trial numbers are handed out
 * atomically, so workers sharing a study do not run one point twice. Failed points are retried.
 */
export class GridSampler implements Sampler {
  readonly name = 'grid';
  readonly seed: number;
  readonly names: readonly string[];
  readonly size: number;
  private readonly space: Record<string, readonly CategoricalChoice[]>;

  constructor(options: GridSamplerOptions) {
    this.seed = resolveSeed(options.seed);
    this.names = Object.keys(options.searchSpace).sort();
    for (const name of this.names) {
      const values = options.searchSpace[name];
      if (!Array.isArray(values) || values.length === 0) throw new SearchSpaceError(`GridSampler.searchSpace.${name}`, 'a non-empty array of values', values);
    }
    this.space = options.searchSpace;
    this.size = this.names.reduce((n, name) => n * this.space[name]!.length, 1);
  }

  /** The grid point `id` (the last name varies fastest). */
  point(id: number): Record<string, CategoricalChoice> {
    const picked: CategoricalChoice[] = [];
    for (let i = this.names.length - 1; i >= 0; i--) {
      const values = this.space[this.names[i]!]!;
      picked[i] = values[id % values.length]!;
      id = Math.floor(id / values.length);
    }
    return Object.fromEntries(this.names.map((name, i) => [name, picked[i]!]));
  }

  sample(ctx: SamplerContext, name: string, dist: Distribution): number {
    let id = ctx.trial.systemAttrs[gridKey] as number | undefined;
    if (id === undefined) {
      id = this.pick(ctx.trials, ctx.trial.number);
      ctx.setSystemAttr(gridKey, id);
    }
    if (!(name in this.space)) throw new TunerUsageError(`GridSampler: parameter "${name}" is not in the grid (${this.names.join(', ')})`, { path: `GridSampler.searchSpace.${name}` });
    const value = this.point(id)[name]!;
    const internal = toInternal(dist, value);
    if (!containsInternal(dist, internal)) throw new SearchSpaceError(`GridSampler.searchSpace.${name}`, `values inside the suggested range ${JSON.stringify(dist)}`, value);
    return internal;
  }

  exhausted(trials: readonly FrozenTrial[]): boolean {
    return this.free(trials).length === 0;
  }

  private pick(trials: readonly FrozenTrial[], number: number): number {
    const free = this.free(trials);
    if (free.length === 0) {
      // Every point is done or running: run an unfinished one again rather than fail the trial.
      return number % this.size;
    }
    return free.includes(number) ? number : free[0]!;
  }

  private free(trials: readonly FrozenTrial[]): number[] {
    const taken = new Set<number>();
    for (const t of trials) {
      const id = t.systemAttrs[gridKey];
      if (typeof id === 'number' && t.state !== 'fail') taken.add(id);
    }
    const free: number[] = [];
    for (let id = 0; id < this.size; id++) if (!taken.has(id)) free.push(id);
    return free;
  }
}
