/**
 * Child process of an orchestrator's worker (`mlops worker`, `mlops scheduler`): loads the project's
 * config once, then plans runs and runs pipeline steps as the parent asks. Steps run here, never on
 * the parent's event loop, so a CPU-bound step cannot starve BullMQ's lock renewal or the local
 * scheduler's timers in the parent.
 */
import { planRun, runPipelineStep, type ArtifactRecord, type PipelineStepTask, type Runtime, type StepRunOutcome } from '@mlops/core';
import type { BatchStepAnswer, ChildRequest, ChildResponse } from './lib/childMessages';
import { openStepRuntime } from './lib/openStepRuntime';

let runtime: Promise<Runtime> | undefined;
let inFlight = 0;
/** Steps waiting for the worker to record their run: request id → the answer's handlers. */
const recording = new Map<number, { resolve(records: ArtifactRecord[]): void; reject(error: Error): void }>();

function openRuntime(): Promise<Runtime> {
  const configPath = process.env.MLOPS_WORKER_CONFIG;
  if (!configPath) throw new Error('MLOPS_WORKER_CONFIG is not set: this file is started by `mlops worker`');
  runtime ??= openStepRuntime(configPath);
  return runtime;
}

function reply(message: ChildResponse): void {
  process.send?.(message);
}

/** Has the worker record a succeeded step run with its completion of the step (one statement there). */
function recordByParent(id: number, outcome: StepRunOutcome): Promise<ArtifactRecord[]> {
  return new Promise((resolve, reject) => {
    recording.set(id, { resolve, reject });
    reply({ id, record: outcome });
  });
}

/** A batch's steps waiting for the worker's group commit: request id → step index → the answer's handlers. */
const batchRecording = new Map<number, Map<number, { resolve(records: ArtifactRecord[]): void; reject(error: Error): void }>>();

const failure = (error: unknown) => {
  const e = error as { message?: string; stack?: string; badInput?: boolean };
  return { message: e?.message ?? String(error), stack: e?.stack, badInput: e?.badInput === true };
};

/**
 * A batch job's steps, one after another, in one request: a step that reaches its recording hands its
 * step run over (with the next step's `started`, or the batch's `settled`) and waits for the worker's
 * one commit of the whole batch, while the next step runs. Its hooks after recording (`artifactStored`,
 * `stepEnd`) run once the commit answered, with the versions it gave, as for a single step.
 */
async function handleBatch(request: Extract<ChildRequest, { kind: 'batch' }>): Promise<void> {
  inFlight++;
  const waiting = new Map<number, { resolve(records: ArtifactRecord[]): void; reject(error: Error): void }>();
  batchRecording.set(request.id, waiting);
  try {
    const rt = await openRuntime();
    let unsent: { i: number; outcome: StepRunOutcome }[] = [];
    const results: Promise<BatchStepAnswer>[] = [];
    for (const [i, task] of request.tasks.entries()) {
      reply({ id: request.id, started: i, outcomes: unsent });
      unsent = [];
      let reached!: () => void;
      const recording = new Promise<void>((r) => (reached = r));
      const step = runPipelineStep(rt, task, {
        recordStepRun: (outcome) =>
          new Promise<ArtifactRecord[]>((resolve, reject) => {
            waiting.set(i, { resolve, reject });
            unsent.push({ i, outcome });
            reached();
          }),
      }).then(
        (r): BatchStepAnswer => ({ i, ok: true, outputs: r.outputs, status: r.status }),
        (error: unknown): BatchStepAnswer => ({ i, ok: false, error: failure(error) }),
      );
      results.push(step);
      await Promise.race([step, recording]);
    }
    reply({ id: request.id, settled: true, outcomes: unsent });
    reply({ id: request.id, batch: await Promise.all(results) });
  } catch (error) {
    reply({ id: request.id, ok: false, error: failure(error) });
  } finally {
    batchRecording.delete(request.id);
    inFlight--;
  }
}

async function handle(request: Exclude<ChildRequest, { kind: 'recorded' | 'batchRecorded' | 'batch' }>): Promise<void> {
  inFlight++;
  try {
    const rt = await openRuntime();
    reply({ id: request.id, started: true });
    if (request.kind === 'plan') {
      const plan = await planRun(rt, request.pipeline, request.params, { runId: request.runId });
      reply({ id: request.id, ok: true, plan: { params: plan.params, steps: plan.steps } });
    } else {
      const result = await runPipelineStep(rt, request.task as PipelineStepTask, request.parentRecords ? { recordStepRun: (o) => recordByParent(request.id, o) } : {});
      reply({ id: request.id, ok: true, outputs: result.outputs, status: result.status });
    }
  } catch (error) {
    const e = error as { message?: string; stack?: string; badInput?: boolean; code?: string };
    reply({ id: request.id, ok: false, error: { message: e?.message ?? String(error), stack: e?.stack, badInput: e?.badInput === true, code: e?.code } });
  } finally {
    inFlight--;
  }
}

process.on('message', (m: ChildRequest) => {
  if (m.kind === 'batch') return void handleBatch(m);
  if (m.kind === 'batchRecorded') {
    const waiting = batchRecording.get(m.id);
    for (const r of m.results) {
      const w = waiting?.get(r.i);
      waiting?.delete(r.i);
      if (r.records) w?.resolve(r.records);
      else w?.reject(new Error(r.error ?? 'the worker did not record the step run'));
    }
    return;
  }
  if (m.kind !== 'recorded') return void handle(m);
  const waiting = recording.get(m.id);
  recording.delete(m.id);
  if (m.records) waiting?.resolve(m.records);
  else waiting?.reject(new Error(m.error ?? 'the worker did not record the step run'));
});
// Load the project at once, not on the first request: the pool spawns children ahead of work, so a
// step never waits for a cold start. A failure surfaces on the first request (which awaits the same promise).
Promise.resolve()
  .then(openRuntime)
  .then(
    () => reply({ id: 0, ready: true }),
    () => undefined,
  );
// The parent's death must not leave this process behind. Mid-step it exits at once: nobody can take
// the result, and the attempt must not record outputs the retry will record again.
process.on('disconnect', () => {
  if (inFlight > 0) process.exit(1);
  void (runtime ?? Promise.resolve(undefined)).then((rt) => rt?.close()).finally(() => process.exit(0));
});
