import { assertSafeName } from '@mlops/core';
import { getMlopsError } from '@mlops/errors';
import { constraintsAttr, evaluateConstraints, isFeasible, type ConstraintsFunction } from './constraints';
import { TrialPruned, TunerError, TunerUsageError, tunerErrorCodes } from './errors';
import { nonDominatedRanks } from './pareto';
import { NopPruner, type Pruner } from './pruners/Pruner';
import type { Sampler } from './samplers/Sampler';
import { TpeSampler } from './samplers/TpeSampler';
import { retryOf } from './retry';
import { InMemoryStorage } from './storage/InMemoryStorage';
import type { TunerStorage } from './storage/TunerStorage';
import type { StudyCore } from './StudyCore';
import { Trial } from './Trial';
import type { Direction, FrozenTrial, ParamValue, StudyRecord, TrialState } from './types';
import { lastStep } from './types';

/** Options of {@link createStudy} and {@link loadStudy}. */
export interface StudyOptions {
  /** Checked with core's `assertSafeName` (it may become part of a report's path). */
  name: string;
  /** Default: a new {@link InMemoryStorage}. */
  storage?: TunerStorage;
  /** Default: {@link TpeSampler} with its defaults (one objective: ours, measured against Optuna 3.1; several: Optuna 3.1's). */
  sampler?: Sampler;
  /** Default: {@link NopPruner}. */
  pruner?: Pruner;
  /** One objective's direction (default minimize); or `directions` for several. */
  direction?: Direction;
  directions?: Direction[];
  /** `createStudy` returns the existing study of that name instead of failing. */
  loadIfExists?: boolean;
  /**
   * Liveness of running trials for studies shared by processes: `optimize` beats every `intervalMs`,
   * and each `ask` first fails running trials silent for `staleMs` (default 2 × interval).
   */
  heartbeat?: { intervalMs: number; staleMs?: number };
  /**
   * Optuna's `constraints_func`: called with each complete or pruned trial (values filled in), one
   * number per constraint, stored on the trial (system attribute `constraints`). A trial is feasible
   * when all are ≤ 0; samplers prefer feasible trials and the best trial / Pareto front is chosen
   * among feasible ones. A function that throws or returns NaN fails its trial.
   */
  constraints?: ConstraintsFunction;
  /**
   * Re-runs a failed trial (its objective threw, or the heartbeat check failed it) with the same
   * params, up to this many times per trial (Optuna's RetryFailedCallback); the retry records the
   * trial it retries in its `failed_trial` system attribute. Default 0: no retry.
   */
  maxRetries?: number;
}

/** What `tell` accepts: the objective value(s), or a final state. */
export type TellResult = number | number[] | { state: 'pruned' } | { state: 'fail'; error?: string };

/** Options of {@link Study.optimize}. */
export interface OptimizeOptions {
  /** Trials this call runs (finished by this process). Unbounded when neither this nor a timeout is set and the sampler has no end. */
  nTrials?: number;
  /** No new trial starts after this many milliseconds. */
  timeoutMs?: number;
  /** Trials run at once in this process (async tasks; default 1). Use several processes for CPU-bound objectives. */
  concurrency?: number;
  /**
   * Which errors of the objective fail the trial and let the study go on. Default: every error except
   * bad-input ones (an error with `badInput`, from any package: a bad search space, params the
   * pipeline refuses, an objective naming a metric that is not reported), which would fail every
   * trial the same way; such an error fails its trial and is rethrown, ending `optimize`.
   */
  catch?: (error: unknown) => boolean;
}

/** Runs one trial: returns its objective value(s). */
export type Objective = (trial: Trial) => number | number[] | Promise<number | number[]>;

/** Creates a study (or loads it, with `loadIfExists`). */
export async function createStudy(options: StudyOptions): Promise<Study> {
  const name = assertSafeName('study', options.name);
  const storage = options.storage ?? new InMemoryStorage();
  const directions = resolveDirections(options);
  const existing = await storage.findStudy(name);
  if (existing) {
    if (!options.loadIfExists) throw new TunerError(tunerErrorCodes.duplicateStudy, `study "${name}" already exists (pass loadIfExists: true to continue it)`, { path: 'study.name', badInput: true });
    return open(existing, storage, options);
  }
  try {
    return open(await storage.createStudy(name, directions), storage, options);
  } catch (error) {
    // Another worker created it between our look-up and insert.
    const raced = options.loadIfExists ? await storage.findStudy(name) : undefined;
    if (raced) return open(raced, storage, options);
    throw error;
  }
}

/** Opens an existing study; its directions come from storage. */
export async function loadStudy(options: Omit<StudyOptions, 'direction' | 'directions' | 'loadIfExists'> & { storage: TunerStorage }): Promise<Study> {
  const name = assertSafeName('study', options.name);
  const record = await options.storage.findStudy(name);
  if (!record) throw new TunerError(tunerErrorCodes.notFound, `study "${name}" not found`, { path: 'study.name', badInput: true });
  return open(record, options.storage, options);
}

function open(record: StudyRecord, storage: TunerStorage, options: StudyOptions): Study {
  if ((options.direction || options.directions) && JSON.stringify(resolveDirections(options)) !== JSON.stringify(record.directions)) {
    throw new TunerUsageError(`study "${record.name}" has directions ${record.directions.join(', ')}; received ${resolveDirections(options).join(', ')}`, { path: 'study.directions' });
  }
  const maxRetries = options.maxRetries ?? 0;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new TunerUsageError(`maxRetries: expected an integer ≥ 0, received ${JSON.stringify(options.maxRetries)}`, { path: 'study.maxRetries', expected: 'an integer ≥ 0', received: JSON.stringify(options.maxRetries) });
  return new Study(record, storage, options.sampler ?? new TpeSampler(), options.pruner ?? new NopPruner(), { heartbeat: options.heartbeat, constraints: options.constraints, maxRetries });
}

function resolveDirections(options: StudyOptions): Direction[] {
  if (options.direction && options.directions) throw new TunerUsageError('give direction or directions, not both', { path: 'study.directions' });
  const dirs = options.directions ?? [options.direction ?? 'minimize'];
  if (dirs.length === 0) throw new TunerUsageError('directions must not be empty', { path: 'study.directions', expected: 'at least one direction', received: '[]' });
  dirs.forEach((d, i) => {
    if (d !== 'minimize' && d !== 'maximize') throw new TunerUsageError(`directions[${i}]: expected "minimize" or "maximize", received ${JSON.stringify(d)}`, { path: `study.directions[${i}]`, expected: '"minimize" or "maximize"', received: JSON.stringify(d) });
  });
  return [...dirs];
}

/** A named optimisation: its trials live in storage, so several processes can share it. */
export class Study implements StudyCore {
  readonly name: string;
  readonly studyId: number;
  readonly directions: readonly Direction[];
  readonly constrained: boolean;
  private readonly heartbeatOptions: { intervalMs: number; staleMs?: number } | undefined;
  private readonly constraints: ConstraintsFunction | undefined;
  private readonly maxRetries: number;

  /** @internal Use {@link createStudy} or {@link loadStudy}. */
  constructor(
    record: StudyRecord,
    readonly storage: TunerStorage,
    readonly sampler: Sampler,
    readonly pruner: Pruner,
    options: { heartbeat?: { intervalMs: number; staleMs?: number }; constraints?: ConstraintsFunction; maxRetries?: number } = {},
  ) {
    this.name = record.name;
    this.studyId = record.id;
    this.directions = record.directions;
    this.heartbeatOptions = options.heartbeat;
    this.constraints = options.constraints;
    this.constrained = options.constraints !== undefined;
    this.maxRetries = options.maxRetries ?? 0;
  }

  /** Fixes some parameters of a future trial (taken before any new trial); values as the objective sees them. */
  async enqueueTrial(params: Record<string, ParamValue>): Promise<number> {
    return this.storage.enqueueTrial(this.studyId, { ...params });
  }

  /** Starts a trial (an enqueued one first) and returns it; finish it with {@link tell}. */
  async ask(): Promise<Trial> {
    if (this.heartbeatOptions) {
      const stale = await this.storage.failStaleTrials(this.studyId, this.heartbeatOptions.staleMs ?? 2 * this.heartbeatOptions.intervalMs);
      // failStaleTrials hands each stale trial to one caller only, so one retry is enqueued per trial.
      if (stale.length && this.maxRetries > 0) for (const t of await this.storage.getTrials(this.studyId, ['fail'])) if (stale.includes(t.number)) await this.retry(t);
    }
    const claimed = await this.storage.claimTrial(this.studyId);
    const history = (await this.storage.getTrials(this.studyId)).filter((t) => t.id !== claimed.id);
    return new Trial(this, claimed, history);
  }

  /**
   * Finishes a trial: with its value(s) it is complete (a NaN value fails it, as in Optuna); pruned
   * keeps its last reported value as its value. Returns the final state. A trial already finished
   * elsewhere (failed by the heartbeat check) is left as it is, and its stored state is returned.
   */
  async tell(trial: Trial, result: TellResult): Promise<TrialState> {
    let outcome: { state: 'complete' | 'pruned' | 'fail'; values?: number[]; error?: string };
    if (typeof result === 'number' || Array.isArray(result)) {
      const values = typeof result === 'number' ? [result] : result;
      if (values.length !== this.directions.length) throw new TunerUsageError(`study "${this.name}" has ${this.directions.length} objective(s); trial ${trial.number} returned ${values.length} value(s)`, { path: 'objective', expected: `${this.directions.length} number(s)`, received: JSON.stringify(values) });
      const bad = values.find((v) => typeof v !== 'number' || Number.isNaN(v));
      outcome = bad === undefined ? { state: 'complete', values } : { state: 'fail', error: `objective returned ${JSON.stringify(bad)}` };
    } else if (result.state === 'pruned') {
      const local = trial.snapshot();
      const step = lastStep(local);
      outcome = { state: 'pruned', values: step === undefined || this.directions.length > 1 ? undefined : [local.intermediate.get(step)!] };
    } else outcome = { state: 'fail', error: result.error };
    if (this.constraints && outcome.state !== 'fail') {
      try {
        trial.recordSystemAttr(constraintsAttr, evaluateConstraints(this.constraints, { ...trial.snapshot(), state: outcome.state, values: outcome.values }));
      } catch (error) {
        outcome = { state: 'fail', error: `constraints: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    // Only a valid result ends the trial: a wrong number of values leaves it running for a corrected tell.
    trial.markFinished();
    await trial.flush();
    const ok = await this.storage.finishTrial(trial.id, outcome);
    if (ok && outcome.state === 'fail' && this.maxRetries > 0) await this.retry(trial.snapshot());
    return ok ? outcome.state : (await this.storage.getTrial(trial.id)).state;
  }

  // Enqueues the same params again unless the trial's chain has used its retries.
  private async retry(failed: FrozenTrial): Promise<void> {
    const attrs = retryOf(failed, this.maxRetries);
    if (attrs) await this.storage.enqueueTrial(this.studyId, { ...failed.params }, attrs);
  }

  /** Runs trials until `nTrials` finish here, the timeout passes or the sampler is exhausted. */
  async optimize(objective: Objective, options: OptimizeOptions = {}): Promise<void> {
    const { nTrials, timeoutMs } = options;
    const concurrency = options.concurrency ?? 1;
    if (nTrials !== undefined && (!Number.isInteger(nTrials) || nTrials < 0)) throw new TunerUsageError(`optimize: nTrials: expected an integer ≥ 0, received ${nTrials}`, { path: 'nTrials' });
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new TunerUsageError(`optimize: concurrency: expected an integer ≥ 1, received ${concurrency}`, { path: 'concurrency' });
    const catches = options.catch ?? ((e: unknown) => !getMlopsError(e).badInput);
    const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
    let started = 0;
    const worker = async (): Promise<void> => {
      while ((nTrials === undefined || started < nTrials) && Date.now() < deadline) {
        if (this.sampler.exhausted && this.sampler.exhausted(await this.storage.getTrials(this.studyId))) return;
        started++;
        await this.runOne(objective, catches);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async runOne(objective: Objective, catches: (e: unknown) => boolean): Promise<void> {
    const trial = await this.ask();
    const beat = this.heartbeatOptions && setInterval(() => void this.storage.heartbeat(trial.id).catch(() => undefined), this.heartbeatOptions.intervalMs);
    beat?.unref?.();
    try {
      let result: number | number[];
      try {
        result = await objective(trial);
      } catch (error) {
        // Core's TrialPrunedError (a trainer stopped by reportingTrainer) carries the same code.
        if (error instanceof TrialPruned || (error as { code?: unknown } | null)?.code === tunerErrorCodes.pruned) {
          await this.tell(trial, { state: 'pruned' });
          return;
        }
        await this.tell(trial, { state: 'fail', error: error instanceof Error ? error.message : String(error) });
        if (!catches(error)) throw error;
        return;
      }
      await this.tell(trial, result);
    } finally {
      if (beat) clearInterval(beat);
    }
  }

  /** Every trial, by number. */
  async trials(states?: readonly TrialState[]): Promise<FrozenTrial[]> {
    return this.storage.getTrials(this.studyId, states);
  }

  /** The feasible complete trial with the best value (single objective). */
  async bestTrial(): Promise<FrozenTrial> {
    if (this.directions.length > 1) throw new TunerUsageError(`study "${this.name}" has several objectives: use bestTrials() (the Pareto front)`, { path: 'bestTrial' });
    const sign = this.directions[0] === 'minimize' ? 1 : -1;
    let best: FrozenTrial | undefined;
    const complete = await this.trials(['complete']);
    for (const t of complete) if (isFeasible(t) && (!best || sign * t.values![0]! < sign * best.values![0]!)) best = t;
    if (!best) throw new TunerError(tunerErrorCodes.notFound, `study "${this.name}" has no complete${complete.length ? ' feasible' : ''} trial yet`);
    return best;
  }

  /** The best value so far. */
  async bestValue(): Promise<number> {
    return (await this.bestTrial()).values![0]!;
  }

  /** The params of the best trial. */
  async bestParams(): Promise<Record<string, ParamValue>> {
    return (await this.bestTrial()).params;
  }

  /** The Pareto front: feasible complete trials no other one dominates (every objective). */
  async bestTrials(): Promise<FrozenTrial[]> {
    const complete = (await this.trials(['complete'])).filter(isFeasible);
    const signs = this.directions.map((d) => (d === 'minimize' ? 1 : -1));
    const ranks = nonDominatedRanks(complete.map((t) => t.values!.map((v, i) => signs[i]! * v)));
    return complete.filter((_, i) => ranks[i] === 0);
  }
}
