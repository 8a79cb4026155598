import { hostname } from 'node:os';
import { ConfigError, NotFoundError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { ResolvedConfig } from '../config/ResolvedConfig';
import type { Runtime } from '../plugins/createRuntime';
import type { ArtifactRecord, RunRecord, StepRunRecord } from '../storage/records';
import { tokens } from '../tokens/tokens';
import { createId } from '../util/ids';
import { suggest } from '../util/suggest';
import type { RunEvent } from './events';
import { checkInputsAvailable, executeStep } from './lib/executeStep';
import { markAbandonedRuns } from './lib/markAbandonedRuns';
import { validateParams } from './lib/validateParams';
import { checkReads } from './lib/checkReads';
import type { RunState } from './lib/RunState';
import { isPipeline, type PipelineDefinition, type PlannedStep } from './pipeline';
import { SerializerRegistry } from './serializers';
import { DatasetCatalog } from '../datasets/DatasetCatalog';
import { trialPrunedCode } from '../tuning/reportingTrainer';

export interface RunOptions {
  /** Pipeline params, validated by the pipeline's schema. */
  params?: Record<string, unknown>;
  /** Run every step even if a cached result exists. */
  noCache?: boolean;
  tags?: Record<string, string>;
  onEvent?: (event: RunEvent) => void;
  /** Aborting marks the run failed after running steps finish; steps see it as `ctx.signal`. */
  signal?: AbortSignal;
  /** Dataset versions by name that `ctx.datasets.load(NAME)` reads instead of the latest (`runs reproduce`). */
  datasetPins?: Record<string, number>;
}

export interface RunResult {
  run: RunRecord;
  steps: StepRunRecord[];
  /** Output artifacts by step id and output name. */
  outputs: Record<string, Record<string, ArtifactRecord>>;
  /** The failure, when `run.status` is `failed`. */
  error?: Error;
}

/**
 * Looks a pipeline up by name in the config, suggesting the nearest name on a typo; a lazy entry is
 * loaded here, and must give a pipeline.
 */
export function findPipeline(runtime: Runtime, name: string): Promise<PipelineDefinition> {
  return loadPipeline(runtime.config, name);
}

/** {@link findPipeline} on a resolved config, without a runtime (`mlops config check`). */
export async function loadPipeline(config: Pick<ResolvedConfig, 'file' | 'pipelines'>, name: string): Promise<PipelineDefinition> {
  const all = config.pipelines;
  const found = Object.hasOwn(all, name) ? all[name] : undefined;
  if (!found) throw new NotFoundError(messages.unknownPipeline(name, Object.keys(all), suggest(name, Object.keys(all))));
  if (isPipeline(found)) return found;
  const loaded: unknown = await found();
  if (!isPipeline(loaded)) {
    const received = loaded === null ? 'null' : Array.isArray(loaded) ? 'an array' : typeof loaded === 'object' ? `an object with keys ${Object.keys(loaded).slice(0, 5).join(', ') || '(none)'}` : typeof loaded;
    throw new ConfigError(config.file, [{ path: `pipelines.${name}`, expected: 'a function that returns a pipeline (made with pipeline()), e.g. () => import(\'./pipelines/x\').then((m) => m.x)', received }]);
  }
  return loaded;
}

/**
 * Runs a pipeline: validates params, plans the DAG, records the run, then executes steps as soon as
 * their inputs are ready (up to `maxParallelSteps` at once). The first failure stops new steps from
 * starting; the run is recorded as failed and the artifacts already written stay valid for a re-run,
 * which resumes from the cache.
 */
export async function runPipeline(runtime: Runtime, pipelineOrName: PipelineDefinition | string, options: RunOptions = {}): Promise<RunResult> {
  const def = typeof pipelineOrName === 'string' ? await findPipeline(runtime, pipelineOrName) : pipelineOrName;
  // Unknown params are rejected, not stripped: a typo must not run with the default.
  const params = validateParams(def.params, options.params, `pipeline "${def.name}" params`, { strict: true });
  const plan: PlannedStep[] = def.plan(params);
  const stepParams = new Map(plan.map((p) => [p.id, validateParams(p.step.params, p.params, `pipeline "${def.name}" step "${p.id}" params`)]));

  await checkReads(plan, stepParams, params, runtime.config.projectRoot);

  const metadata = runtime.get(tokens.metadataStore);
  const artifacts = runtime.get(tokens.artifactStore);
  const hooks = runtime.hooks;
  const abandonedAt = Date.now();
  for (const id of await markAbandonedRuns(metadata, abandonedAt)) await hooks.emit('runEnd', { runId: id, pipeline: null, status: 'crashed', endedAt: abandonedAt });

  const runId = createId();
  const startedAt = Date.now();
  const run: RunRecord = { id: runId, pipeline: def.name, status: 'running', params: params as never, startedAt, endedAt: null, error: null, host: hostname(), pid: process.pid, configDigest: runtime.config.digest, tags: options.tags ?? {} };
  await metadata.createRun(run);
  // Subscribers (the tracker's autolog) see the run before any step runs.
  await hooks.emit('runStart', { runId, pipeline: def.name, params: params as Record<string, unknown>, tags: run.tags, startedAt, steps: plan.map((p) => ({ id: p.id, step: p.step })), config: runtime.config });
  const emit = (e: RunEvent) => options.onEvent?.(e);
  emit({ type: 'run:start', runId, pipeline: def.name, steps: plan.map((p) => p.id) });

  const abort = new AbortController();
  const onAbort = () => abort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const state: RunState = {
    runId,
    pipeline: def.name,
    projectRoot: runtime.config.projectRoot,
    noCache: options.noCache ?? false,
    serviceDigests: runtime.config.serviceDigests,
    artifacts,
    metadata,
    serializers: new SerializerRegistry(runtime.config.serializers),
    datasets: new DatasetCatalog(artifacts, metadata),
    datasetPins: options.datasetPins ?? {},
    hooks,
    outputs: new Map(),
    signal: abort.signal,
    emit,
    resolve: (token) => runtime.get(token),
  };

  let failure: Error | undefined;
  try {
    await schedule(plan, runtime.config.maxParallelSteps, abort.signal, async (p) => {
      checkInputsAvailable(state, p);
      await executeStep(state, p, stepParams.get(p.id));
    });
  } catch (err) {
    failure = err as Error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (!failure && abort.signal.aborted) failure = new Error(`run interrupted${abort.signal.reason ? ` (${String(abort.signal.reason)})` : ''}`);

  const endedAt = Date.now();
  const status = !failure ? 'succeeded' : isPrunedTrial(failure) ? 'pruned' : 'failed';
  await metadata.finishRun(runId, { status, endedAt, error: failure?.message ?? null });
  await hooks.emit('runEnd', { runId, pipeline: def.name, status, endedAt, error: failure?.message });
  emit({ type: 'run:done', runId, status, durationMs: endedAt - startedAt, error: failure?.message });
  const outputs: RunResult['outputs'] = {};
  for (const [step, slots] of state.outputs) outputs[step] = Object.fromEntries([...slots].map(([k, s]) => [k, s.record]));
  return { run: { ...run, status, endedAt, error: failure?.message ?? null }, steps: await metadata.listStepRuns(runId), outputs, error: failure };
}

/** Runs tasks of a DAG (given in a topological order) with bounded parallelism; stops at the first error. */
async function schedule(plan: PlannedStep[], maxParallel: number, signal: AbortSignal, exec: (p: PlannedStep) => Promise<void>): Promise<void> {
  const done = new Set<string>();
  const pending = [...plan];
  const running = new Map<string, Promise<void>>();
  let failure: unknown;
  while (pending.length || running.size) {
    if (failure === undefined && !signal.aborted) {
      for (let i = 0; i < pending.length && running.size < maxParallel; ) {
        const p = pending[i];
        if (Object.values(p.inputs).every((ref) => done.has(ref.step))) {
          pending.splice(i, 1);
          running.set(
            p.id,
            exec(p).then(
              () => void done.add(p.id),
              (err) => void (failure ??= err),
            ),
          );
        } else i++;
      }
    }
    if (!running.size) break;
    const [id] = await Promise.race([...running].map(([k, pr]) => pr.then(() => [k])));
    running.delete(id);
  }
  if (failure !== undefined) throw failure;
}

/** A step failed because a tuning trial's pruner stopped its training (the error anywhere in the cause chain). */
function isPrunedTrial(failure: Error): boolean {
  for (let e: unknown = failure; e instanceof Error; e = e.cause) if ((e as { code?: unknown }).code === trialPrunedCode) return true;
  return false;
}
