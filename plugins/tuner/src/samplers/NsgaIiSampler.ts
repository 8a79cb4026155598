import { sameDistribution, type Distribution } from '../distributions';
import { constrainedRanks } from '../constraints';
import { TunerUsageError } from '../errors';
import { nonDominatedRanks } from '../pareto';
import type { Rng } from '../rng';
import type { Direction, FrozenTrial } from '../types';
import { fromUnit } from './fromUnit';
import { resolveSeed, type RelativeContext, type RelativeParams, type Sampler, type SamplerContext } from './Sampler';

/** Options of {@link NsgaIiSampler}; defaults are Optuna's. */
export interface NsgaIiSamplerOptions {
  seed?: number;
  /** Trials per generation (default 50). */
  populationSize?: number;
  /** Chance that a child is a crossover of two parents rather than a copy of one (default 0.9). */
  crossoverProb?: number;
  /** Chance per parameter of taking it from the second parent in the uniform crossover (default 0.5). */
  swappingProb?: number;
  /** Chance per parameter of a fresh random value; default 1 / (number of parameters). */
  mutationProb?: number;
}

/**
 * NSGA-II for one or more objectives. Trial n belongs to generation ⌊n / populationSize⌋ (so
 * workers sharing a study agree without talking); generation 0 is random. The parent population of
 * a generation is the elite of the previous parents and the previous generation's complete trials:
 * whole non-domination fronts, the last one cut by crowding distance; two binary tournaments (rank, then crowding) pick the parents, a
 * uniform crossover mixes their values and each parameter mutates to a random value with
 * `mutationProb`. Parameters the parents do not both have are sampled at random (define-by-run).
 * Optuna keeps the parent population in system attributes; here it is recomputed from the history
 * (so a resumed or shared study needs no extra state).
 */
export class NsgaIiSampler implements Sampler {
  readonly name = 'nsga2';
  readonly seed: number;
  private readonly populationSize: number;
  private readonly crossoverProb: number;
  private readonly swappingProb: number;
  private readonly mutationProb: number | undefined;

  constructor(options: NsgaIiSamplerOptions = {}) {
    this.seed = resolveSeed(options.seed);
    this.populationSize = options.populationSize ?? 50;
    if (!Number.isInteger(this.populationSize) || this.populationSize < 2) throw new TunerUsageError(`NsgaIiSampler: populationSize: expected an integer ≥ 2, received ${options.populationSize}`, { path: 'populationSize', expected: 'an integer ≥ 2', received: String(options.populationSize) });
    this.crossoverProb = probability('crossoverProb', options.crossoverProb ?? 0.9);
    this.swappingProb = probability('swappingProb', options.swappingProb ?? 0.5);
    this.mutationProb = options.mutationProb === undefined ? undefined : probability('mutationProb', options.mutationProb);
  }

  relative(ctx: RelativeContext): RelativeParams {
    const generation = Math.floor(ctx.trialNumber / this.populationSize);
    if (generation === 0) return {};
    const parents = this.parents(generation, ctx.trials, ctx.directions, ctx.constrained ?? false);
    if (parents.length < 2) return {};
    const a = tournament(parents, ctx.rng);
    const crossover = ctx.rng.next() < this.crossoverProb;
    const b = crossover ? tournament(parents, ctx.rng) : a;
    const names = Object.keys(a.trial.distributions).filter((n) => b.trial.distributions[n] && sameDistribution(a.trial.distributions[n]!, b.trial.distributions[n]!)).sort();
    const mutation = this.mutationProb ?? 1 / Math.max(1, names.length);
    const out: RelativeParams = {};
    for (const name of names) {
      const fromB = ctx.rng.next() < this.swappingProb;
      if (ctx.rng.next() < mutation) continue; // left to `sample`: a fresh random value
      const parent = fromB ? b : a;
      out[name] = { distribution: parent.trial.distributions[name]!, value: parent.trial.internalParams[name]! };
    }
    return out;
  }

  // Parents of generation g = elite of (parents of g − 1 ∪ complete trials of g − 1), as NSGA-II's
  // (μ + λ) survival. Memoised per generation by how many complete trials came before it: complete
  // trials never change, so the same count means the same set. Each step sorts ≤ 2 × population.
  private readonly memo = new Map<number, { count: number; parents: Ranked[] }>();

  private parents(generation: number, trials: readonly FrozenTrial[], directions: readonly Direction[], constrained: boolean): Ranked[] {
    const byGeneration: FrozenTrial[][] = Array.from({ length: generation }, () => []);
    for (const t of trials) {
      const g = Math.floor(t.number / this.populationSize);
      if (g < generation && t.state === 'complete' && t.values) byGeneration[g]!.push(t);
    }
    let parents: Ranked[] = [];
    let count = 0;
    for (let g = 1; g <= generation; g++) {
      count += byGeneration[g - 1]!.length;
      const hit = this.memo.get(g);
      if (hit && hit.count === count) {
        parents = hit.parents;
        continue;
      }
      parents = eliteSelection([...parents.map((r) => r.trial), ...byGeneration[g - 1]!], directions, this.populationSize, constrained);
      this.memo.set(g, { count, parents });
    }
    return parents;
  }

  sample(ctx: SamplerContext, _name: string, dist: Distribution): number {
    return fromUnit(dist, ctx.rng.next());
  }
}

interface Ranked {
  trial: FrozenTrial;
  rank: number;
  crowding: number;
}

/**
 * The best `size` trials: whole fronts first, the front that does not fit by crowding distance.
 * `constrained`: fronts by constrained domination (feasible first, then by total violation).
 */
export function eliteSelection(trials: readonly FrozenTrial[], directions: readonly Direction[], size: number, constrained = false): Ranked[] {
  const signs = directions.map((d) => (d === 'minimize' ? 1 : -1));
  const points = trials.map((t) => t.values!.map((v, i) => signs[i]! * v));
  const ranks = constrained ? constrainedRanks(trials, points) : nonDominatedRanks(points);
  const out: Ranked[] = [];
  for (let rank = 0; out.length < size && out.length < trials.length; rank++) {
    const front = trials.map((_, i) => i).filter((i) => ranks[i] === rank);
    const crowding = crowdingDistance(front.map((i) => points[i]!));
    const members = front.map((i, k) => ({ trial: trials[i]!, rank, crowding: crowding[k]! }));
    if (out.length + members.length > size) members.sort((x, y) => y.crowding - x.crowding || x.trial.number - y.trial.number);
    out.push(...members.slice(0, size - out.length));
  }
  return out;
}

/**
 * Crowding distance of each point of one front, as Optuna 3.1's `_calc_crowding_distance`: per
 * objective, the points sorted (stably, starting from the previous objective's order) with −∞ and
 * +∞ beyond the ends; each point adds the gap between its two neighbours over the finite range (1
 * when that is 0), ∞ − ∞ counting as 0; an objective on which all points are equal adds nothing.
 */
export function crowdingDistance(points: readonly (readonly number[])[]): number[] {
  const n = points.length;
  const distance = new Array<number>(n).fill(0);
  if (n === 0) return distance;
  let order = points.map((_, i) => i);
  for (let m = 0; m < points[0]!.length; m++) {
    order = [...order].sort((a, b) => points[a]![m]! - points[b]![m]!);
    const v = (k: number) => (k < 0 ? -Infinity : k >= n ? Infinity : points[order[k]!]![m]!);
    if (v(0) === v(n - 1)) continue;
    let lo = 0;
    while (lo < n && v(lo) === -Infinity) lo++;
    let hi = n - 1;
    while (hi >= 0 && v(hi) === Infinity) hi--;
    let width = lo <= hi ? v(hi) - v(lo) : 0;
    if (!(width > 0)) width = 1;
    for (let k = 0; k < n; k++) {
      const below = v(k - 1);
      const above = v(k + 1);
      distance[order[k]!]! += (below === above ? 0 : above - below) / width;
    }
  }
  return distance;
}

// Binary tournament: lower rank wins, then larger crowding distance.
function tournament(population: readonly Ranked[], rng: Rng): Ranked {
  const x = population[Math.floor(rng.next() * population.length)]!;
  const y = population[Math.floor(rng.next() * population.length)]!;
  if (x.rank !== y.rank) return x.rank < y.rank ? x : y;
  return x.crowding >= y.crowding ? x : y;
}

function probability(name: string, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new TunerUsageError(`NsgaIiSampler: ${name}: expected a number in [0, 1], received ${p}`, { path: name, expected: 'a number in [0, 1]', received: String(p) });
  return p;
}
