import { categoricalDistribution, containsInternal, floatDistribution, intDistribution, sameDistribution, singleValue, toExternal, toInternal, type Distribution, type SuggestOptions } from './distributions';
import { TunerUsageError } from './errors';
import { createRng, deriveSeed } from './rng';
import type { RelativeParams } from './samplers/Sampler';
import type { StoredParam } from './storage/TunerStorage';
import type { StudyCore } from './StudyCore';
import type { CategoricalChoice, FrozenTrial, ParamValue } from './types';
import { cloneTrial } from './storage/trialRecords';

/**
 * A running trial, handed to the objective. `suggest*` is synchronous (define-by-run: a parameter
 * exists only if the objective asks for it); what it records is written to storage with the next
 * `report`, `shouldPrune` or when the trial ends.
 */
export class Trial {
  readonly number: number;
  readonly id: number;
  private readonly local: FrozenTrial;
  private pendingParams: StoredParam[] = [];
  private pendingSystem: Record<string, unknown> = {};
  private pendingUser: Record<string, unknown> = {};
  private finished = false;
  private relative: RelativeParams | undefined;
  private writing: Promise<void> = Promise.resolve();
  private flushQueued = false;

  /** @internal Made by the study's `ask`. */
  constructor(
    private readonly core: StudyCore,
    claimed: FrozenTrial,
    /** The other trials when this one started: what the sampler learns from. */
    private readonly history: readonly FrozenTrial[],
  ) {
    this.number = claimed.number;
    this.id = claimed.id;
    this.local = cloneTrial(claimed);
  }

  /** A float in [low, high]; `log` samples on a log scale, `step` on the grid low + k·step. */
  suggestFloat(name: string, low: number, high: number, options?: SuggestOptions): number {
    return this.suggest(name, floatDistribution(name, low, high, options)) as number;
  }

  /** An integer in [low, high] on the grid low + k·step, or log-scaled. */
  suggestInt(name: string, low: number, high: number, options?: SuggestOptions): number {
    return this.suggest(name, intDistribution(name, low, high, options)) as number;
  }

  /** One of the choices (JSON scalars). */
  suggestCategorical<T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.suggest(name, categoricalDistribution(name, choices)) as T;
  }

  /** The parameters suggested so far. */
  get params(): Readonly<Record<string, ParamValue>> {
    return this.local.params;
  }

  /** Values reported so far, by step. */
  get intermediate(): ReadonlyMap<number, number> {
    return this.local.intermediate;
  }

  /** Records a JSON value on the trial (kept with it in storage). */
  setUserAttr(key: string, value: unknown): void {
    this.pendingUser[key] = value;
    this.local.userAttrs[key] = value;
  }

  /**
   * Records an intermediate value (a validation loss after an epoch, …) at a non-negative integer
   * step. A step reported twice keeps its first value, as in Optuna. Single-objective studies only.
   */
  async report(value: number, step: number): Promise<void> {
    this.assertRunning('report');
    if (this.core.directions.length > 1) throw new TunerUsageError('trial.report: intermediate values (and pruning) need a single-objective study', { path: 'trial.report' });
    if (typeof value !== 'number') throw new TunerUsageError(`trial.report: value: expected a number, received ${JSON.stringify(value)}`, { path: 'trial.report.value', expected: 'a number', received: JSON.stringify(value) });
    if (!Number.isSafeInteger(step) || step < 0) throw new TunerUsageError(`trial.report: step: expected an integer ≥ 0, received ${JSON.stringify(step)}`, { path: 'trial.report.step', expected: 'an integer ≥ 0', received: JSON.stringify(step) });
    if (this.local.intermediate.has(step)) return;
    this.local.intermediate.set(step, value);
    await this.flush([[step, value]]);
  }

  /** Asks the study's pruner whether to stop now; throw `new TrialPruned()` when it says yes. */
  async shouldPrune(): Promise<boolean> {
    this.assertRunning('shouldPrune');
    if (this.core.directions.length > 1) throw new TunerUsageError('trial.shouldPrune: pruning needs a single-objective study', { path: 'trial.shouldPrune' });
    await this.flush();
    const trials = await this.core.storage.getTrials(this.core.studyId);
    const self = trials.find((t) => t.id === this.id) ?? this.local;
    return this.core.pruner.prune({
      studyName: this.core.name,
      direction: this.core.directions[0]!,
      trials,
      trial: self,
      setSystemAttr: async (key, value) => {
        this.local.systemAttrs[key] = value;
        self.systemAttrs[key] = value;
        await this.core.storage.writeTrial(this.id, { systemAttrs: { [key]: value } });
      },
    });
  }

  /** @internal Writes what is buffered, after any write in flight; the study calls it before finishing the trial. */
  async flush(intermediate: [number, number][] = []): Promise<void> {
    const params = this.pendingParams;
    const systemAttrs = this.pendingSystem;
    const userAttrs = this.pendingUser;
    if (!params.length && !intermediate.length && !Object.keys(systemAttrs).length && !Object.keys(userAttrs).length) return this.writing;
    this.pendingParams = [];
    this.pendingSystem = {};
    this.pendingUser = {};
    const write = this.writing.then(() => this.core.storage.writeTrial(this.id, { params, intermediate, systemAttrs, userAttrs }));
    this.writing = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      // Kept for the next flush (the study's, at the latest), so a failed write loses nothing.
      this.pendingParams.unshift(...params);
      this.pendingSystem = { ...systemAttrs, ...this.pendingSystem };
      this.pendingUser = { ...userAttrs, ...this.pendingUser };
      throw error;
    }
  }

  // Params reach storage as soon as the objective first yields (one write for the suggestions of
  // one synchronous stretch, which tell would otherwise make), so a worker killed mid-trial leaves
  // them behind and the trial can be retried with the same values.
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush().catch(() => undefined);
    });
  }

  /** @internal The trial as known locally (params, reports), for `tell`. */
  snapshot(): FrozenTrial {
    return this.local;
  }

  /** @internal A system attribute written with the next flush (the study's constraint values). */
  recordSystemAttr(key: string, value: unknown): void {
    this.local.systemAttrs[key] = value;
    this.pendingSystem[key] = value;
  }

  /** @internal */
  markFinished(): void {
    this.finished = true;
  }

  private assertRunning(what: string): void {
    if (this.finished) throw new TunerUsageError(`trial ${this.number}: ${what} after the trial finished`, { path: `trial.${what}` });
  }

  private suggest(name: string, dist: Distribution): ParamValue {
    this.assertRunning(`suggest ${JSON.stringify(name)}`);
    const existing = this.local.distributions[name];
    if (existing) {
      if (!sameDistribution(existing, dist)) throw new TunerUsageError(`trial ${this.number}: parameter "${name}" was suggested with ${JSON.stringify(existing)} and now with ${JSON.stringify(dist)}`, { path: `params.${name}` });
      return this.local.params[name]!;
    }
    const fixed = this.fixedValue(name, dist);
    const internal = fixed ?? singleValue(dist) ?? this.relativeValue(name, dist) ?? this.core.sampler.sample(this.samplerContext(name), name, dist);
    if (!containsInternal(dist, internal) && fixed === undefined) {
      throw new TunerUsageError(`sampler ${this.core.sampler.name} proposed ${internal} for "${name}", outside ${JSON.stringify(dist)}`, { path: `params.${name}` });
    }
    this.local.distributions[name] = dist;
    this.local.internalParams[name] = internal;
    this.local.params[name] = toExternal(dist, internal);
    this.pendingParams.push({ name, distribution: dist, value: internal });
    this.queueFlush();
    return this.local.params[name]!;
  }

  // An enqueued trial's fixed value wins over the sampler (a value off the range is still used, as in Optuna).
  private fixedValue(name: string, dist: Distribution): number | undefined {
    const fixed = this.local.systemAttrs.fixed_params as Record<string, ParamValue> | undefined;
    if (!fixed || !(name in fixed)) return undefined;
    const internal = toInternal(dist, fixed[name]!);
    if (typeof internal !== 'number' || Number.isNaN(internal) || (dist.type === 'categorical' && internal < 0)) {
      throw new TunerUsageError(`trial ${this.number}: enqueued value ${JSON.stringify(fixed[name])} of "${name}" is not one of ${JSON.stringify(dist)}`, { path: `enqueueTrial.${name}` });
    }
    return internal;
  }

  // The sampler's joint proposal, made at the first suggestion of the trial.
  private relativeValue(name: string, dist: Distribution): number | undefined {
    const sampler = this.core.sampler;
    if (!sampler.relative) return undefined;
    this.relative ??= sampler.relative({ directions: this.core.directions, constrained: this.core.constrained, trials: this.history, trialNumber: this.number, rng: createRng(deriveSeed(sampler.seed, this.number, '\u0000relative')) });
    const proposal = this.relative[name];
    return proposal && sameDistribution(proposal.distribution, dist) ? proposal.value : undefined;
  }

  private samplerContext(name: string) {
    return {
      directions: this.core.directions,
      constrained: this.core.constrained,
      trials: this.history,
      trial: { number: this.number, params: this.local.internalParams, systemAttrs: this.local.systemAttrs },
      rng: createRng(deriveSeed(this.core.sampler.seed, this.number, name)),
      setSystemAttr: (key: string, value: unknown) => {
        this.local.systemAttrs[key] = value;
        this.pendingSystem[key] = value;
      },
    };
  }
}
