import { DatasetCatalog } from '../datasets/DatasetCatalog';
import { NotFoundError, PipelineError } from '../errors/errors';
import type { Runtime } from '../plugins/createRuntime';
import type { ArtifactRecord } from '../storage/records';
import type { StepRunOutcome } from '../storage/MetadataStore';
import { tokens } from '../tokens/tokens';
import type { RunEvent } from '../pipeline/events';
import { checkInputsAvailable, executeStep } from '../pipeline/lib/executeStep';
import type { OutputSlot, RunState } from '../pipeline/lib/RunState';
import { validateParams } from '../pipeline/lib/validateParams';
import type { PipelineDefinition, PlannedStep } from '../pipeline/pipeline';
import { findPipeline } from '../pipeline/runPipeline';
import { cutPlan, targetStepsOf } from '../pipeline/cutPlan';
import { SerializerRegistry } from '../pipeline/serializers';

/** A run's DAG as an orchestrator schedules it: each step and the steps it waits for. */
export interface RunPlan {
  pipeline: string;
  /** The params after validation (defaults filled in), as stored with the run. */
  params: Record<string, unknown>;
  steps: { id: string; dependsOn: string[] }[];
}

/**
 * Validates params and plans a pipeline without running it; throws ConfigError naming a bad param.
 * With `runId` (an orchestrator planning a submitted run, whose record the metadata store holds),
 * it also announces the run on `runStart`, as `runPipeline` does for a run in one process, so
 * subscribers (the tracker's autologging) see orchestrated runs too. A re-planned run (its planner
 * died) announces again: subscribers must take a second `runStart` of one id as a no-op.
 * `targets` (or the run's `mlops.targets` tag) keeps only those steps and the steps they need.
 */
export async function planRun(runtime: Runtime, pipeline: string, params: Record<string, unknown> = {}, options: { runId?: string; targets?: readonly string[] } = {}): Promise<RunPlan> {
  const def = await findPipeline(runtime, pipeline);
  const valid = validateParams(def.params, params, `pipeline "${def.name}" params`, { strict: true }) as Record<string, unknown>;
  const run = options.runId ? await runtime.get(tokens.metadataStore).getRun(options.runId) : undefined;
  if (options.runId && !run) throw new NotFoundError(`run ${options.runId} (pipeline "${def.name}") is not in the metadata store`);
  const targets = options.targets ?? targetStepsOf(run?.tags);
  const plan = targets ? cutPlan(def.name, def.plan(valid), targets) : def.plan(valid);
  for (const p of plan) validateParams(p.step.params, p.params, `pipeline "${def.name}" step "${p.id}" params`);
  if (run) {
    const steps = plan.map((p) => ({ id: p.id, step: p.step }));
    await runtime.hooks.emit('runStart', { runId: run.id, pipeline: def.name, params: valid, tags: run.tags, startedAt: run.startedAt, steps, config: runtime.config });
  }
  return { pipeline: def.name, params: valid, steps: plan.map((p) => ({ id: p.id, dependsOn: [...new Set(Object.values(p.inputs).map((r) => r.step))] })) };
}

/** One step of an orchestrated run, as a worker receives it. */
export interface PipelineStepTask {
  runId: string;
  pipeline: string;
  /** The run's validated params (re-validated here: the plan is rebuilt from them). */
  params: Record<string, unknown>;
  stepId: string;
  /** For each upstream step: its output name → artifact id. */
  upstream: Record<string, Record<string, string>>;
  noCache?: boolean;
}

export interface PipelineStepResult {
  status: 'succeeded' | 'cached';
  /** Output name → artifact id. */
  outputs: Record<string, string>;
}

/** How a worker runs one step. */
export interface PipelineStepOptions {
  /** Aborted: the attempt was given up on (the step sees it as `ctx.signal`). */
  signal?: AbortSignal;
  /**
   * For a step the caller cannot kill (run in its own process): an attempt whose `signal` aborted
   * before its outputs were recorded records none and fails, so its late result is never recorded
   * beside the retry's. `onCommit` runs when recording begins (from then on the abort is ignored: wait for it).
   */
  abandonOnAbort?: { onCommit(): void };
  onEvent?: (e: RunEvent) => void;
  /**
   * Set: records the succeeded step's run, inputs and artifacts in place of the metadata store's
   * `recordStepRun`, and returns the artifact records (see `RunState.recordStepRun`): an orchestrator
   * writes them with its completion of the step, in one statement fenced by its claim. A cached step
   * and a failed one are still recorded by the metadata store.
   */
  recordStepRun?: (outcome: StepRunOutcome) => Promise<ArtifactRecord[]>;
}

// A worker runs many steps of one run: its plan (params validated, every step built) is made once per
// run and runtime, not once per step (a run of n steps would build n² steps). Params of a run never change.
const plans = new WeakMap<Runtime, Map<string, { params: string; steps: Map<string, PlannedStep> }>>();

function planOf(runtime: Runtime, def: PipelineDefinition, task: PipelineStepTask): Map<string, PlannedStep> {
  const byRun = plans.get(runtime) ?? new Map<string, { params: string; steps: Map<string, PlannedStep> }>();
  plans.set(runtime, byRun);
  const key = `${task.runId}\0${def.name}`;
  const params = JSON.stringify(task.params);
  const hit = byRun.get(key);
  if (hit && hit.params === params) return hit.steps;
  const valid = validateParams(def.params, task.params, `pipeline "${def.name}" params`, { strict: true });
  const steps = new Map(def.plan(valid).map((p) => [p.id, p]));
  byRun.set(key, { params, steps });
  if (byRun.size > 16) byRun.delete(byRun.keys().next().value!);
  return steps;
}

/**
 * Runs one step of a pipeline run in this process, reading upstream outputs from the shared artifact
 * and metadata stores: what a distributed worker does per job. The run record must exist in the
 * metadata store. Outputs are recorded only after every blob is stored, so a worker killed mid-step
 * leaves no artifact of the attempt, and the retry (any worker) records the outputs once.
 */
export async function runPipelineStep(runtime: Runtime, task: PipelineStepTask, options: PipelineStepOptions = {}): Promise<PipelineStepResult> {
  const def = await findPipeline(runtime, task.pipeline);
  const planned: PlannedStep | undefined = planOf(runtime, def, task).get(task.stepId);
  if (!planned) throw new PipelineError(def.name, `pipeline "${def.name}" has no step "${task.stepId}" (the config changed since run ${task.runId} was submitted?)`);
  const stepParams = validateParams(planned.step.params, planned.params, `pipeline "${def.name}" step "${planned.id}" params`);
  const metadata = runtime.get(tokens.metadataStore);
  const outputs = new Map<string, Map<string, OutputSlot>>();
  for (const ref of Object.values(planned.inputs)) {
    if (outputs.has(ref.step)) continue;
    const ids = task.upstream[ref.step];
    if (!ids) throw new PipelineError(def.name, `step "${planned.id}" of run ${task.runId} needs the outputs of "${ref.step}", which the task does not carry`);
    const slots = new Map<string, OutputSlot>();
    for (const [name, id] of Object.entries(ids)) {
      const record = await metadata.getArtifact(id);
      if (!record) throw new NotFoundError(`artifact ${id} (output "${name}" of step "${ref.step}", run ${task.runId}) is not in the metadata store`);
      slots.set(name, { record });
    }
    outputs.set(ref.step, slots);
  }
  let result: PipelineStepResult | undefined;
  const collect = (records: ArtifactRecord[], status: PipelineStepResult['status']) => void (result = { status, outputs: Object.fromEntries(records.map((r) => [r.output, r.id])) });
  const state: RunState = {
    runId: task.runId,
    pipeline: def.name,
    projectRoot: runtime.config.projectRoot,
    noCache: task.noCache ?? false,
    serviceDigests: runtime.config.serviceDigests,
    artifacts: runtime.get(tokens.artifactStore),
    metadata,
    // The orchestrator commits the step's outcome after this (on the same database: its run state is
    // in the metadata store's database), which makes the step run's records durable with it.
    stepRecordWrites: { durableWithNextCommit: true },
    stepRunAtEndOnly: true,
    recordStepRun: options.recordStepRun,
    serializers: new SerializerRegistry(runtime.config.serializers),
    hooks: runtime.hooks,
    outputs,
    signal: options.signal ?? new AbortController().signal,
    abandonOnAbort: options.abandonOnAbort,
    emit: (e) => {
      if (e.type === 'step:done') collect(e.outputs, 'succeeded');
      else if (e.type === 'step:cached') collect(e.outputs, 'cached');
      options.onEvent?.(e);
    },
    resolve: (token) => runtime.get(token),
    datasets: new DatasetCatalog(runtime.get(tokens.artifactStore), metadata),
    // A reproduction pins dataset versions through runPipeline; an orchestrated step reads the latest.
    datasetPins: {},
  };
  checkInputsAvailable(state, planned);
  await executeStep(state, planned, stepParams);
  if (!result) throw new PipelineError(def.name, `step "${planned.id}" ended without reporting its outputs`);
  return result;
}
