import { containsInternal, sameDistribution, singleValue, type Distribution } from '../distributions';
import { violationOf } from '../constraints';
import type { Direction, FrozenTrial } from '../types';
import { TunerUsageError } from '../errors';
import { fromUnit } from './fromUnit';
import { groupDecomposition } from './groupDecomposition';
import { ParzenEstimator, type ParzenSettings } from './parzenEstimator';
import { resolveSeed, type RelativeContext, type RelativeParams, type Sampler, type SamplerContext } from './Sampler';
import { centreOf, latinHypercubeUnit, owenSobolUnit, startupDesigns, type StartupDesign } from './startupDesign';
import { hypervolumeWeights, observationsOf, rankWeights, splitObservations, type Observation } from './tpeSplit';

/** The split of the history: the good trials (with their weights when there are several objectives) and the rest. */
interface Split {
  below: Observation[];
  above: Observation[];
  /** Several objectives: each good trial's weight in l(x) by its hypervolume contribution (Optuna's MOTPE). */
  belowWeights?: number[];
  /** The number of finished trials it was made from (the n of γ(n) and of an `nEiCandidates` schedule). */
  finished: number;
}

/** Optuna's default γ: the best 10 % of trials, at most 25, are "good" (ours with several objectives, or `gammaFactor: 0.1`). */
export function optunaGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * Our default γ with one objective: the best 7 % of trials, at most 25, are "good" (the README's "Why
 * these defaults"). Computed in floating point as measured, so at a multiple of 100 trials one more
 * (0.07 · 100 = 7.000000000000001 rounds up to 8).
 */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.07 * n), 25);
}

/** γ(n) = min(⌈f·n⌉, 25), the form of both defaults, for a factor f in (0, 1]. */
export function gammaOfFactor(f: number): (n: number) => number {
  return (n) => Math.min(Math.ceil(f * n), 25);
}

/** Optuna's default weights: equal for the newest 25, a linear ramp from 1/n up for older ones. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const out: number[] = [];
  for (let i = 0; i < ramp; i++) out.push(ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1));
  for (let i = 0; i < 25; i++) out.push(1);
  return out;
}

/**
 * Options of {@link TpeSampler}. With one objective the defaults are ours, measured against Optuna 3.1
 * (multivariate TPE with nearest-neighbour bandwidths, 64 EI candidates, 10 startup trials: the centre
 * of the space then a 9-point Latin hypercube, γ(n) = min(⌈0.07 n⌉, 25), good trials weighted by rank,
 * sparse candidates from 10 finished trials per parameter; the README's "why these defaults"); with
 * several objectives (MOTPE) they stay Optuna 3.1's. Every Optuna 3.1 default is one option away:
 * `{ multivariate: false, nEiCandidates: 24, startup: 'random', startupCentre: false, gammaFactor: 0.1,
 * goodWeights: 'equal' }` (univariate, so `sparseCandidatesFrom` does not apply).
 */
export interface TpeSamplerOptions {
  seed?: number;
  /** Startup trials before TPE starts (default 10), the centre included when `startupCentre` is on. */
  nStartupTrials?: number;
  /**
   * Trial 0 proposes the centre of the space (default on with one objective, off with several):
   * each range's midpoint (log ranges in log space, step and int ranges rounded onto their grid), a
   * categorical its middle choice; the startup design fills the other `nStartupTrials − 1` trials. Like
   * SMAC's initial design, which starts from the default configuration: ranges are usually chosen around
   * sensible values, so their centre is a fair first guess, and on a space where it is poor it costs one
   * startup trial. See {@link centreOf}.
   */
  startupCentre?: boolean;
  /**
   * How the startup trials are drawn: `'random'` (Optuna's: independent uniform draws; the default
   * with several objectives), `'lhs'` (the default with one objective: a Latin hypercube over each
   * block of `nStartupTrials` trial numbers: each parameter's values one per equal slice of its range)
   * or `'sobol'` (Owen-scrambled Sobol points, trial n taking point n). All deterministic for a seed;
   * see {@link StartupDesign}.
   */
  startup?: StartupDesign;
  /**
   * Candidates drawn from the good density per proposal (default 64 with one objective, 24, Optuna's,
   * with several). Also a schedule over n, the number of finished trials (the n of γ(n)): a function
   * returning an integer ≥ 1 (API only), or, as data for specs, steps `[{ from: 0, count: 64 }, { from: 30,
   * count: 256 }]` (the count of the last step whose `from` ≤ n; the first step from 0, `from`s rising).
   * A trial draws its candidates from its own random stream, so a schedule that changes only from n = k
   * on leaves trials 0 … k−1 exactly as with the first count. See {@link eiCandidatesOf}.
   */
  nEiCandidates?: number | ((n: number) => number) | readonly EiCandidateStep[];
  /**
   * Multivariate TPE: from this many finished trials on (the n of γ(n)), each EI candidate drawn from a
   * good trial's kernel redraws each parameter with probability 1/d (d parameters proposed jointly; at
   * least one) and keeps that trial's value for the others, so candidates move a good trial along a few
   * coordinates, still ranked by l(x)/g(x). Default with one objective 10·d, ten finished trials per
   * parameter (a refinement phase: earlier, with parameters that interact, such moves measured far
   * worse); `false` (the default with several objectives) turns it off. Univariate proposals are
   * unaffected. The README's "Why these defaults", session 17.
   */
  sparseCandidatesFrom?: number | false;
  /** How many of n finished trials are "good" (default {@link defaultGamma} with one objective, {@link optunaGamma} with several). */
  gamma?: (n: number) => number;
  /** γ(n) = min(⌈f·n⌉, 25) with this f in (0, 1], for specs (a function is not data): 0.07 is our default, 0.1 Optuna's. Not with `gamma`. */
  gammaFactor?: number;
  weights?: (n: number) => number[];
  considerPrior?: boolean;
  priorWeight?: number;
  considerMagicClip?: boolean;
  considerEndpoints?: boolean;
  /**
   * Multivariate TPE (Optuna's `multivariate=True`): the parameters every finished trial has (with one
   * distribution) are sampled jointly from one Parzen estimator; the others stay univariate. Default
   * true with one objective; false (Optuna's) with several, unless `group` or `multivariateBandwidth` is given.
   */
  multivariate?: boolean;
  /**
   * Bandwidths of multivariate TPE's kernels: 'neighbour' (the default with one objective): in each
   * dimension, a kernel's σ is its observation's distance to the nearest other observation's value
   * (the prior excluded; at least one step on int and step ranges), then the usual magic clip; or
   * 'scott' (Optuna's rule, 0.2·n^(−1/(d+4))·range; the default with several objectives). Needs `multivariate`.
   */
  multivariateBandwidth?: 'scott' | 'neighbour';
  /**
   * Group decomposition for conditional spaces (Optuna's `group=True`, needs `multivariate`): the
   * parameters are partitioned by the sets they occur in, and each group is sampled jointly from the
   * trials that have it, so the branches of a conditional space get multivariate TPE too. Default false.
   */
  group?: boolean;
  /**
   * Constant liar for parallel workers (Optuna's `constant_liar`): trials still running elsewhere
   * count as complete with the worst value, so workers that ask at once spread out. Default false.
   */
  constantLiar?: boolean;
  /** Score continuous candidates with properly normalised kernels (default false, as Optuna 3.1; see ParzenSettings). */
  normalizeKernels?: boolean;
  /**
   * Several objectives, Optuna 3.1's MOTPE exactly: the front that does not fit in the good set is cut
   * by greedy hypervolume subset selection (not crowding distance), and each good trial weighs in l(x)
   * by its hypervolume contribution (not the usual `weights`). Default false: over 20 seeds the
   * default's median hypervolume after 200 trials was at least as high on ZDT1 (11.37 vs 11.11) and
   * Binh–Korn (5882 vs 5871); see BENCHMARKS.md, "multi-objective TPE".
   */
  hypervolumeWeights?: boolean;
  /**
   * How the good trials weigh in l(x), one objective: `'rank'` (the default: the r-th best of m weighs
   * ∝ ln((m+1)/(r+1)), scaled to sum m so the prior keeps its share), which draws more candidates near
   * the best trials without a separate local search, or `'equal'` (Optuna's: at most 25 good trials,
   * all weight 1). No effect with several objectives.
   */
  goodWeights?: 'equal' | 'rank';
}

/** One step of an `nEiCandidates` schedule: `count` candidates from `from` finished trials on. */
export interface EiCandidateStep {
  from: number;
  count: number;
}

/**
 * The candidate count as a function of the number of finished trials, from a number, a function or
 * steps (validated here: `fail(why)` on a malformed schedule). A function's value is checked where it
 * is used (see {@link TpeSampler}).
 */
export function eiCandidatesOf(value: number | ((n: number) => number) | readonly EiCandidateStep[], fail: (why: string) => never): (n: number) => number {
  if (typeof value === 'function') return value;
  if (typeof value === 'number') {
    if (!(Number.isInteger(value) && value >= 1)) fail(`${JSON.stringify(value)} is not an integer ≥ 1`);
    return () => value;
  }
  if (!Array.isArray(value) || value.length === 0) fail(`${JSON.stringify(value)} is not an integer ≥ 1, a function or a non-empty list of steps { from, count }`);
  const steps = value as readonly EiCandidateStep[];
  steps.forEach((step, i) => {
    const at = `step ${i} (${JSON.stringify(step)})`;
    if (typeof step !== 'object' || step === null) fail(`${at} is not { from, count }`);
    const extra = Object.keys(step).filter((k) => k !== 'from' && k !== 'count');
    if (extra.length) fail(`${at} has ${extra.join(', ')}; a step has only from and count`);
    if (!(Number.isInteger(step.count) && step.count >= 1)) fail(`${at}: count is not an integer ≥ 1`);
    if (!(Number.isInteger(step.from) && step.from >= 0)) fail(`${at}: from is not an integer ≥ 0`);
    if (i === 0 && step.from !== 0) fail(`${at}: the first step must be from 0`);
    if (i > 0 && step.from <= steps[i - 1]!.from) fail(`${at}: from must be greater than the previous step's`);
  });
  const copy = steps.map((s) => ({ from: s.from, count: s.count }));
  return (n) => {
    let count = copy[0]!.count;
    for (const s of copy) if (s.from <= n) count = s.count;
    return count;
  };
}

// From how many finished trials joint candidates over d parameters are sparse (Infinity: never).
function sparseFromOf(option: number | false | undefined, single: boolean): (d: number) => number {
  if (option === false || (option === undefined && !single)) return () => Infinity;
  if (option === undefined) return (d) => 10 * d;
  return () => option;
}

// Index of the largest log l − log g among the candidates not passed over (the first on ties); −1 if none.
function bestOf(logL: Float64Array, logG: Float64Array, passed?: Uint8Array): number {
  let best = -1;
  for (let i = 0; i < logL.length; i++) {
    if (passed?.[i]) continue;
    if (best < 0 || logL[i]! - logG[i]! > logL[best]! - logG[best]!) best = i;
  }
  return best;
}

/** The settings that differ between one objective and several. */
interface Mode {
  nStartup: number;
  startup: StartupDesign;
  /** Trial 0 is the centre of the space; the design covers trials 1 … nStartup − 1. */
  centre: boolean;
  /** Candidates per proposal as a function of the number of finished trials. */
  nCandidates: (n: number) => number;
  /** Finished trials from which joint candidates over d parameters are sparse moves of good trials; Infinity: never. */
  sparseFrom: (d: number) => number;
  gamma: (n: number) => number;
  parzen: ParzenSettings;
  multivariate: boolean;
}

const goodWeightKinds = ['equal', 'rank'];
const bandwidthKinds = ['scott', 'neighbour'];

/**
 * Tree-structured Parzen Estimator: past trials are split into the best γ(n) and the rest, a Parzen
 * estimator l(x) / g(x) is fitted to each, and of `nEiCandidates` draws from l the one maximising
 * l(x)/g(x) is proposed; with one objective by default jointly over the parameters every trial has
 * (multivariate), otherwise per parameter. Conditional parameters learn only from the trials that had
 * them. Pruned trials count by their last value. Several objectives (MOTPE): the good trials are whole
 * non-domination fronts, the last one cut by crowding distance; with `hypervolumeWeights`, by
 * hypervolume subset selection, each weighing in l(x) by its hypervolume contribution, as Optuna's.
 */
export class TpeSampler implements Sampler {
  readonly name = 'tpe';
  readonly seed: number;
  /** One objective. */
  private readonly single: Mode;
  /** Several objectives (Optuna 3.1's defaults where no option is given). */
  private readonly multi: Mode;
  private readonly group: boolean;
  private readonly constantLiar: boolean;
  private readonly hypervolumeWeights: boolean;
  private readonly rankWeights: boolean;

  constructor(options: TpeSamplerOptions = {}) {
    this.seed = resolveSeed(options.seed);
    const fail = (path: string, expected: string, received: unknown, why = `${JSON.stringify(received)} is not ${expected}`): never => {
      throw new TunerUsageError(`TpeSampler: ${path}: ${why}`, { path, expected, received: String(received) });
    };
    if (options.startup !== undefined && !startupDesigns.includes(options.startup)) fail('startup', startupDesigns.join(' | '), options.startup, `${JSON.stringify(options.startup)} is not one of ${startupDesigns.join(', ')}`);
    if (options.nStartupTrials !== undefined && !(Number.isInteger(options.nStartupTrials) && options.nStartupTrials >= 0)) fail('nStartupTrials', 'an integer ≥ 0', options.nStartupTrials);
    if (options.startupCentre !== undefined && typeof options.startupCentre !== 'boolean') fail('startupCentre', 'a boolean', options.startupCentre);
    const sparse = options.sparseCandidatesFrom;
    if (sparse !== undefined && sparse !== false && !(Number.isSafeInteger(sparse) && sparse >= 0)) fail('sparseCandidatesFrom', 'an integer ≥ 0 or false', sparse);
    const userCandidates = options.nEiCandidates === undefined ? undefined : eiCandidatesOf(options.nEiCandidates, (why) => fail('nEiCandidates', 'an integer ≥ 1', JSON.stringify(options.nEiCandidates) ?? String(options.nEiCandidates), why));
    if (options.gammaFactor !== undefined && !(typeof options.gammaFactor === 'number' && options.gammaFactor > 0 && options.gammaFactor <= 1)) fail('gammaFactor', 'a number in (0, 1]', options.gammaFactor);
    if (options.gammaFactor !== undefined && options.gamma !== undefined) fail('gammaFactor', 'gamma or gammaFactor, not both', 'both');
    if (options.goodWeights !== undefined && !goodWeightKinds.includes(options.goodWeights)) fail('goodWeights', 'equal | rank', options.goodWeights, `${JSON.stringify(options.goodWeights)} is not one of equal, rank`);
    if (options.multivariateBandwidth !== undefined && !bandwidthKinds.includes(options.multivariateBandwidth)) fail('multivariateBandwidth', 'scott | neighbour', options.multivariateBandwidth, `${JSON.stringify(options.multivariateBandwidth)} is not one of scott, neighbour`);
    this.group = options.group ?? false;
    if (this.group && options.multivariate === false) fail('group', 'multivariate: true with group: true', 'multivariate: false', 'needs multivariate: true (groups are sampled jointly)');
    if (options.multivariateBandwidth !== undefined && options.multivariate === false) fail('multivariateBandwidth', 'multivariate: true', 'multivariate: false', 'needs multivariate: true');
    const userGamma = options.gamma ?? (options.gammaFactor !== undefined ? gammaOfFactor(options.gammaFactor) : undefined);
    const mode = (single: boolean): Mode => {
      // Several objectives: multivariate only when asked for, directly or by an option that needs it.
      const multivariate = options.multivariate ?? (single || this.group || options.multivariateBandwidth !== undefined);
      return {
        nStartup: options.nStartupTrials ?? 10,
        startup: options.startup ?? (single ? 'lhs' : 'random'),
        centre: options.startupCentre ?? single,
        nCandidates: userCandidates ?? (single ? () => 64 : () => 24),
        sparseFrom: sparseFromOf(options.sparseCandidatesFrom, single),
        gamma: userGamma ?? (single ? defaultGamma : optunaGamma),
        multivariate,
        parzen: {
          considerPrior: options.considerPrior ?? true,
          priorWeight: options.priorWeight ?? 1,
          considerMagicClip: options.considerMagicClip ?? true,
          considerEndpoints: options.considerEndpoints ?? false,
          weights: options.weights ?? defaultWeights,
          multivariate: false,
          multivariateBandwidth: options.multivariateBandwidth ?? (single && multivariate ? 'neighbour' : 'scott'),
          normalizeKernels: options.normalizeKernels ?? false,
        },
      };
    };
    this.single = mode(true);
    this.multi = mode(false);
    this.constantLiar = options.constantLiar ?? false;
    this.hypervolumeWeights = options.hypervolumeWeights ?? false;
    this.rankWeights = (options.goodWeights ?? 'rank') === 'rank';
  }

  private mode(directions: readonly Direction[]): Mode {
    return directions.length > 1 ? this.multi : this.single;
  }

  /**
   * Multivariate mode: a joint proposal over the parameters every finished trial has; with `group`,
   * one joint proposal per group of parameters that occur together (see {@link groupDecomposition}).
   */
  relative(ctx: RelativeContext): RelativeParams {
    if (!this.mode(ctx.directions).multivariate) return {};
    const split = this.split(ctx);
    if (!split) return {};
    if (!this.group) return this.jointSample(intersectionSpace([...split.below, ...split.above].map((o) => o.trial)), split, ctx);
    const out: RelativeParams = {};
    // Every group sees the one split of all finished trials (as Optuna); a group learns from the trials that have it.
    for (const group of groupDecomposition(ctx.trials)) Object.assign(out, this.jointSample(withoutSingles(group), split, ctx));
    return out;
  }

  // One multivariate Parzen estimator per side over `space`, fitted to the trials having all of it.
  private jointSample(space: Record<string, Distribution>, split: Split, ctx: RelativeContext): RelativeParams {
    const names = Object.keys(space).sort();
    if (names.length === 0) return {};
    const mode = this.mode(ctx.directions);
    const settings = { ...mode.parzen, multivariate: true };
    const has = (o: Observation) => names.every((n) => o.trial.distributions[n] && sameDistribution(o.trial.distributions[n]!, space[n]!));
    // Which trials have the whole space is decided once per side (not once per parameter): trials
    // read from SQL storage carry their own distribution objects, so each check compares fields.
    const belowHas = split.below.map(has);
    const columns = (obs: Observation[], keep: boolean[]) => {
      const kept = obs.filter((_, i) => keep[i]);
      return Object.fromEntries(names.map((n) => [n, kept.map((o) => o.trial.internalParams[n]!)]));
    };
    const sorted = Object.fromEntries(names.map((n) => [n, space[n]!]));
    const weights = split.belowWeights?.filter((_, i) => belowHas[i]);
    const l = new ParzenEstimator(columns(split.below, belowHas), sorted, settings, weights);
    const aboveHas = split.above.map(has);
    const g = new ParzenEstimator(columns(split.above, aboveHas), sorted, settings);
    const count = this.candidateCount(mode, split.finished);
    const sparse = split.finished >= mode.sparseFrom(names.length);
    const candidates = l.sample(ctx.rng, count, sparse);
    const logL = l.logPdf(candidates);
    const logG = g.logPdf(candidates);
    // Sparse candidates keep most of a trial's values, so with ints or choices one can come back as a
    // configuration already run; such a candidate is passed over for the next best (unless all are).
    // Only the winner is compared with the history, so the usual case costs one scan.
    let best = bestOf(logL, logG);
    if (sparse) {
      const history = [...split.below.filter((_, k) => belowHas[k]), ...split.above.filter((_, k) => aboveHas[k])].map((o) => o.trial.internalParams);
      const ran = (i: number) => history.some((p) => names.every((n) => p[n] === candidates[n]![i]));
      const passed = new Uint8Array(count);
      let i = best;
      while (i >= 0 && ran(i)) {
        passed[i] = 1;
        i = bestOf(logL, logG, passed);
      }
      if (i >= 0) best = i;
    }
    return Object.fromEntries(names.map((n) => [n, { distribution: space[n]!, value: candidates[n]![best]! }]));
  }

  sample(ctx: SamplerContext, name: string, dist: Distribution): number {
    const split = this.split(ctx);
    if (!split) return this.startupValue(ctx, name, dist);
    const { below, above, belowWeights } = split;
    const mode = this.mode(ctx.directions);
    const { parzen } = mode;
    const kept = keptIndices(below, name, dist);
    const weights = belowWeights && kept.map((i) => belowWeights[i]!);
    const l = new ParzenEstimator({ [name]: kept.map((i) => below[i]!.trial.internalParams[name]!) }, { [name]: dist }, parzen, weights);
    const g = new ParzenEstimator({ [name]: keptIndices(above, name, dist).map((i) => above[i]!.trial.internalParams[name]!) }, { [name]: dist }, parzen);
    const candidates = l.sample(ctx.rng, this.candidateCount(mode, split.finished));
    const logL = l.logPdf(candidates);
    const logG = g.logPdf(candidates);
    let best = 0;
    for (let i = 1; i < logL.length; i++) if (logL[i]! - logG[i]! > logL[best]! - logG[best]!) best = i;
    return candidates[name]![best]!;
  }

  // The candidate count for a split of `finished` trials; a user function's value is checked here.
  private candidateCount(mode: Mode, finished: number): number {
    const count = mode.nCandidates(finished);
    if (!(Number.isInteger(count) && count >= 1)) {
      throw new TunerUsageError(`TpeSampler: nEiCandidates: the function gave ${JSON.stringify(count)} for n = ${finished} finished trials, not an integer ≥ 1`, { path: 'nEiCandidates', expected: 'an integer ≥ 1', received: String(count) });
    }
    return count;
  }

  // A startup trial's value for this parameter: the centre for trial 0 when it is on, otherwise the
  // startup design's point, numbered from the first trial after the centre.
  private startupValue(ctx: SamplerContext, name: string, dist: Distribution): number {
    const { centre } = this.mode(ctx.directions);
    if (centre && ctx.trial.number === 0) return centreOf(dist);
    return fromUnit(dist, this.startupUnit(ctx, name, centre));
  }

  // The startup design's coordinate in [0, 1) for this parameter.
  private startupUnit(ctx: SamplerContext, name: string, centre: boolean): number {
    const { startup, nStartup } = this.mode(ctx.directions);
    const point = centre ? ctx.trial.number - 1 : ctx.trial.number;
    const size = Math.max(1, centre ? nStartup - 1 : nStartup);
    if (startup === 'lhs') return latinHypercubeUnit(this.seed, point, name, size, ctx.rng.next());
    if (startup === 'sobol') {
      // Past the embedded direction numbers (256 dimensions) a coordinate is drawn at random.
      const u = owenSobolUnit(this.seed, point, Object.keys(ctx.trial.params).length);
      if (u !== undefined) return u;
    }
    return ctx.rng.next();
  }

  // Every parameter of a trial sees the same history, so the split is computed once per trial.
  private readonly splits = new WeakMap<readonly FrozenTrial[], Split | null>();

  private split(ctx: { trials: readonly FrozenTrial[]; directions: readonly Direction[]; constrained?: boolean }): Split | null {
    let split = this.splits.get(ctx.trials);
    if (split === undefined) {
      const obs = observationsOf(ctx.trials, ctx.directions, this.constantLiar);
      // Startup and γ count finished trials only (Optuna 3.1's n ignores running trials): lies do not
      // end the random phase early nor enlarge the "good" set; they only join the split as the worst.
      const finished = this.constantLiar ? obs.filter((o) => o.trial.state !== 'running').length : obs.length;
      // With constraints, running trials (lies) violate by ∞ and trials without values rank last, as Optuna.
      const violations = ctx.constrained ? obs.map((o) => (o.trial.state === 'running' ? Infinity : violationOf(o.trial))) : undefined;
      const { nStartup, gamma } = this.mode(ctx.directions);
      split = finished < nStartup ? null : { ...splitObservations(obs, gamma(finished), ctx.directions.length, violations, this.hypervolumeWeights ? 'hypervolume' : 'crowding'), finished };
      if (split && ctx.directions.length > 1 && this.hypervolumeWeights) {
        const violation = new Map(obs.map((o, i) => [o, violations?.[i] ?? 0]));
        split.belowWeights = hypervolumeWeights(split.below, (o) => violation.get(o) === 0);
      }
      if (split && ctx.directions.length === 1 && this.rankWeights) split.belowWeights = rankWeights(split.below);
      this.splits.set(ctx.trials, split);
    }
    return split;
  }
}

/**
 * Parameters present in every trial with one distribution, leaving out single-valued ones (as
 * Optuna's IntersectionSearchSpace over complete and pruned trials).
 */
function intersectionSpace(trials: readonly FrozenTrial[]): Record<string, Distribution> {
  if (trials.length === 0) return {};
  const space: Record<string, Distribution> = { ...trials[0]!.distributions };
  for (const t of trials.slice(1)) {
    for (const name of Object.keys(space)) {
      const d = t.distributions[name];
      if (!d || !sameDistribution(d, space[name]!)) delete space[name];
    }
  }
  return withoutSingles(space);
}

/** The space without single-valued distributions (nothing to sample), names sorted. */
function withoutSingles(space: Record<string, Distribution>): Record<string, Distribution> {
  const names = Object.keys(space).filter((n) => singleValue(space[n]!) === undefined);
  return Object.fromEntries(names.sort().map((n) => [n, space[n]!]));
}

/** Indices of the observations whose trial has the parameter under a compatible distribution, in trial order. */
function keptIndices(obs: readonly Observation[], name: string, dist: Distribution): number[] {
  const out: number[] = [];
  obs.forEach(({ trial }, i) => {
    const x = trial.internalParams[name];
    if (x !== undefined && compatible(trial, name, dist, x)) out.push(i);
  });
  return out;
}

// A range that changed between trials keeps the old values that still fit; a categorical's index
// only means the same choice under the same list.
function compatible(trial: FrozenTrial, name: string, dist: Distribution, x: number): boolean {
  const old = trial.distributions[name];
  if (!old || old.type !== dist.type) return false;
  if (dist.type === 'categorical') return sameDistribution(old, dist);
  return containsInternal({ ...dist, step: undefined, type: 'float', log: false } as Distribution, x);
}
