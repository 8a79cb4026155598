import { PipelineError, StepFailedError } from '../../errors/errors';
import type { Token } from '../../tokens/createToken';
import { messages } from '../../errors/messages';
import type { ArtifactRecord } from '../../storage/records';
import { createId } from '../../util/ids';
import { assertSafeName } from '../../util/safeName';
import { noTracking, type StepTracking } from '../../tracking/StepTracking';
import { numericMetrics } from '../../tracking/flattenParams';
import type { StepOutput } from '../../hooks/HookEvents';
import { codeDigest } from '../codeDigest';
import type { PlannedStep } from '../pipeline';
import { cacheKey } from './cacheKey';
import { explainMissingFile } from './checkReads';
import { fileDigests } from './fileDigests';
import { createStepLogger } from './createStepLogger';
import type { OutputSlot, RunState } from './RunState';
import { parseDatasetRef } from '../../datasets/datasetRef';
import type { StepDatasets } from '../../datasets/StepDatasets';

const metricOutputs = new Set(['evaluation', 'metrics']);

async function loadInput(state: RunState, slot: OutputSlot): Promise<unknown> {
  if (slot.value) return slot.value.v;
  const bytes = await state.artifacts.get(slot.record.digest);
  const value = await state.serializers.byName(slot.record.serializer).deserialize(bytes);
  slot.value = { v: value };
  return value;
}

/** Outputs of a cached step run, if every blob is still in the artifact store. */
async function reusable(state: RunState, key: string): Promise<{ from: string; fromRun: string; records: ArtifactRecord[] } | undefined> {
  const hit = await state.metadata.findCachedStepRun(key);
  if (!hit) return undefined;
  const records = await state.metadata.artifactsOfStepRun(hit.id);
  for (const r of records) if (!(await state.artifacts.has(r.digest))) return undefined;
  return { from: hit.id, fromRun: hit.runId, records };
}

/**
 * Runs one planned step: reuses cached outputs when step, code, params and input digests match,
 * else runs it, stores every output blob, and only then records the artifacts and marks the step
 * succeeded. A failure or a kill at any point leaves earlier artifacts untouched.
 */
export async function executeStep(state: RunState, planned: PlannedStep, params: unknown): Promise<void> {
  const def = planned.step;
  const inputs: Record<string, OutputSlot> = {};
  for (const [name, ref] of Object.entries(planned.inputs)) inputs[name] = state.outputs.get(ref.step)!.get(ref.output)!;
  const code = codeDigest(def);
  const files = def.reads ? await fileDigests(def.reads(params), state.projectRoot) : undefined;
  const key = cacheKey({ step: def.name, code, params, inputs: Object.fromEntries(Object.entries(inputs).map(([n, s]) => [n, s.record.digest])), services: Object.fromEntries(def.uses.map((t) => [t.id, state.serviceDigests[t.id] ?? 'not configured'])), files });
  const stepRunId = createId();
  const startedAt = Date.now();
  const inputRecords = Object.entries(inputs).map(([name, s]) => ({ stepRunId, name, artifactId: s.record.id }));
  const base = { id: stepRunId, runId: state.runId, step: planned.id, cacheKey: key, codeDigest: code, params: params as never, startedAt, endedAt: null, logs: '', error: null, cachedFrom: null };

  const isSource = Object.keys(planned.inputs).length === 0;
  const cached = def.cache && !state.noCache ? await reusable(state, key) : undefined;
  if (cached) {
    if (abandoned(state)) throw new StepFailedError(planned.id, state.runId, new Error(messages.stepAbandoned));
    await state.metadata.recordStepRun({ stepRun: { ...base, status: 'cached', endedAt: startedAt, cachedFrom: cached.from }, inputs: inputRecords, artifacts: [] }, state.stepRecordWrites);
    // The reused step run's dataset versions are this run's too (it reads and writes the same data).
    const uses = await state.metadata.listDatasetUses({ stepRunId: cached.from });
    await state.metadata.recordDatasetUses(uses.map((u) => ({ ...u, runId: state.runId, stepRunId, createdAt: startedAt })));
    state.outputs.set(planned.id, new Map(cached.records.map((r) => [r.output, { record: r }])));
    await state.hooks.emit('stepEnd', { runId: state.runId, pipeline: state.pipeline, stepId: planned.id, status: 'cached', isSource, outputs: cached.records.map((record) => ({ record })), metrics: {}, cachedFrom: { stepRunId: cached.from, runId: cached.fromRun }, durationMs: 0 });
    state.emit({ type: 'step:cached', runId: state.runId, step: planned.id, cachedFrom: cached.from, outputs: cached.records });
    return;
  }

  // A run in one process shows its running step; an orchestrated one writes the step run once, at its end.
  const atEndOnly = state.stepRunAtEndOnly === true;
  if (!atEndOnly) {
    await state.metadata.createStepRun({ ...base, status: 'running' }, state.stepRecordWrites);
    await state.metadata.recordStepInputs(inputRecords);
  }
  state.emit({ type: 'step:start', runId: state.runId, step: planned.id });
  const { logger, lines } = createStepLogger((level, message) => {
    state.emit({ type: 'step:log', runId: state.runId, step: planned.id, level, message });
    if (state.hooks.has('stepLog')) void state.hooks.emit('stepLog', { runId: state.runId, stepId: planned.id, level: level as 'info', message });
  });
  // Subscribers may give the step a tracking (`ctx.track`) and wrap the services it resolves.
  let track: StepTracking = noTracking;
  const decorators = new Map<string, ((service: never) => unknown)[]>();
  await state.hooks.emit('stepStart', {
    runId: state.runId,
    pipeline: state.pipeline,
    stepId: planned.id,
    stepRunId,
    params,
    setTracking: (t) => void (track = t),
    decorate: (token, wrap) => void decorators.set(token.id, [...(decorators.get(token.id) ?? []), wrap as (service: never) => unknown]),
  });
  try {
    const values: Record<string, unknown> = {};
    for (const [name, slot] of Object.entries(inputs)) values[name] = await loadInput(state, slot);
    const allowed = new Set(def.uses.map((t) => t.id));
    const resolve = <T>(token: Token<T>): T => {
      if (!allowed.has(token.id)) throw new PipelineError(state.pipeline, messages.undeclaredUse(planned.id, token.description));
      // A subscriber's wrapper that throws must not fail the step: it gets the service unwrapped.
      return (decorators.get(token.id) ?? []).reduce<unknown>((service, wrap) => {
        try {
          return wrap(service as never) ?? service;
        } catch (error) {
          logger.warn(`a stepStart hook's wrapper of ${token.description} failed (${error instanceof Error ? error.message : String(error)}); the step uses it unwrapped`);
          return service;
        }
      }, state.resolve(token)) as T;
    };
    const datasets = stepDatasets(state, stepRunId);
    const result = await def.run(values, { params, runId: state.runId, stepId: planned.id, log: logger, signal: state.signal, projectRoot: state.projectRoot, track, resolve, datasets });
    if (result === null || typeof result !== 'object' || Array.isArray(result)) throw new TypeError(`a step must return an object of named outputs, got ${Array.isArray(result) ? 'an array' : typeof result}`);
    const stored: { output: string; value: unknown; serializer: string; digest: string; size: number; metadata: unknown }[] = [];
    for (const [output, value] of Object.entries(result)) {
      if (value === undefined) continue;
      // The output name ends the artifact's name (`<pipeline>/<step>/<output>`): one path-safe segment.
      if (assertSafeName('artifact', output).includes('/')) throw new PipelineError(state.pipeline, `step "${planned.id}": output name must be one segment (no "/"), received ${JSON.stringify(output)}`);
      const serializer = state.serializers.forValue(value, planned.id, output, def.serializers[output]);
      const blob = await state.artifacts.put(await serializer.serialize(value));
      stored.push({ output, value, serializer: serializer.name, digest: blob.digest, size: blob.size, metadata: serializer.describe?.(value) ?? null });
    }
    // Blobs are content-addressed (a stored one is shared, never duplicated); records are not.
    if (abandoned(state)) throw new Error(messages.stepAbandoned);
    const slots = new Map<string, OutputSlot>();
    const endedAt = Date.now();
    stored.sort((a, b) => a.output.localeCompare(b.output));
    // The step run, its inputs and its artifacts in one transaction: the cache lookup never finds a
    // succeeded step run without its artifacts, and a failure here leaves earlier artifacts as they were.
    const outcome = {
      stepRun: { ...base, status: 'succeeded' as const, endedAt, logs: lines.join('\n') },
      inputs: atEndOnly ? inputRecords : [],
      artifacts: stored.map((s) => ({ id: createId(), name: `${state.pipeline}/${planned.id}/${s.output}`, digest: s.digest, size: s.size, serializer: s.serializer, runId: state.runId, stepRunId, output: s.output, createdAt: endedAt, metadata: s.metadata as never })),
    };
    const records = state.recordStepRun ? await state.recordStepRun(outcome) : await state.metadata.recordStepRun(outcome, state.stepRecordWrites);
    for (const [i, record] of records.entries()) {
      slots.set(record.output, { record, value: { v: stored[i].value } });
      await state.hooks.emit('artifactStored', { runId: state.runId, stepId: planned.id, artifact: record });
    }
    state.outputs.set(planned.id, slots);
    const outputs: StepOutput[] = [...slots.values()].map((s) => ({ record: s.record, value: s.value?.v }));
    // Outputs named `evaluation` or `metrics` are the step's final metrics (their top-level numbers).
    const metrics = Object.assign({}, ...outputs.filter((o) => metricOutputs.has(o.record.output) && o.value !== undefined).map((o) => numericMetrics(o.value))) as Record<string, number>;
    await state.hooks.emit('stepEnd', { runId: state.runId, pipeline: state.pipeline, stepId: planned.id, status: 'succeeded', isSource, outputs, metrics, cachedFrom: null, durationMs: endedAt - startedAt });
    state.emit({ type: 'step:done', runId: state.runId, step: planned.id, durationMs: endedAt - startedAt, outputs: [...slots.values()].map((s) => s.record) });
  } catch (thrown) {
    const err = explainMissingFile(thrown);
    // The stored error keeps the original stack (where the file was opened).
    const stack = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    const message = err === thrown ? stack : `${(err as Error).message}\n${stack}`;
    const failedAt = Date.now();
    const failed = { status: 'failed' as const, endedAt: failedAt, logs: lines.join('\n'), error: message };
    if (atEndOnly) await state.metadata.recordStepRun({ stepRun: { ...base, ...failed }, inputs: inputRecords, artifacts: [] }, state.stepRecordWrites);
    else await state.metadata.finishStepRun(stepRunId, failed, state.stepRecordWrites);
    await state.hooks.emit('stepEnd', { runId: state.runId, pipeline: state.pipeline, stepId: planned.id, status: 'failed', isSource, outputs: [], metrics: {}, cachedFrom: null, durationMs: failedAt - startedAt, error: err instanceof Error ? err.message : String(err) });
    state.emit({ type: 'step:failed', runId: state.runId, step: planned.id, error: err instanceof Error ? err.message : String(err) });
    throw new StepFailedError(planned.id, state.runId, err);
  }
}

/**
 * An attempt given up on (abandonOnAbort and an aborted signal) must record nothing; otherwise, when
 * abandoning applies, recording begins now and the caller is told in this same tick.
 */
function abandoned(state: RunState): boolean {
  if (!state.abandonOnAbort) return false;
  if (state.signal.aborted) return true;
  state.abandonOnAbort.onCommit();
  return false;
}

/** `ctx.datasets` of one step run: every register and load is recorded as a use by the run. */
function stepDatasets(state: RunState, stepRunId: string): StepDatasets {
  const user = { runId: state.runId, stepRunId };
  return {
    register: (name, frame, options) => state.datasets.register(name, frame, { ...user, role: options?.role ?? 'output' }),
    async load(text) {
      const ref = parseDatasetRef(text);
      const pinned = ref.version ?? state.datasetPins[ref.name];
      return (await state.datasets.load({ name: ref.name, version: pinned }, user)).frame;
    },
  };
}

/** Checks that every input a step wires to exists among its upstream step's outputs. */
export function checkInputsAvailable(state: RunState, planned: PlannedStep): void {
  for (const ref of Object.values(planned.inputs)) {
    const outs = state.outputs.get(ref.step)!;
    if (!outs.has(ref.output)) throw new StepFailedError(ref.step, state.runId, new Error(messages.missingOutput(ref.step, ref.output, [...outs.keys()])));
  }
}
