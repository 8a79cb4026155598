/**
 * Child process of an orchestrator's worker (`mlops worker`, `mlops scheduler`): loads the project's
 * config once, then plans runs and runs pipeline steps as the parent asks. Steps run here, never on
 * the parent's event loop, so a CPU-bound step cannot starve BullMQ's lock renewal or the local
 * scheduler's timers in the parent.
 */
import { planRun, runPipelineStep, type PipelineStepTask, type Runtime } from '@mlops/core';
import type { ChildRequest, ChildResponse } from './lib/childMessages';
import { openStepRuntime } from './lib/openStepRuntime';

let runtime: Promise<Runtime> | undefined;
let inFlight = 0;

function openRuntime(): Promise<Runtime> {
  const configPath = process.env.MLOPS_WORKER_CONFIG;
  if (!configPath) throw new Error('MLOPS_WORKER_CONFIG is not set: this file is started by `mlops worker`');
  runtime ??= openStepRuntime(configPath);
  return runtime;
}

function reply(message: ChildResponse): void {
  process.send?.(message);
}

async function handle(request: ChildRequest): Promise<void> {
  inFlight++;
  try {
    const rt = await openRuntime();
    reply({ id: request.id, started: true });
    if (request.kind === 'plan') {
      const plan = await planRun(rt, request.pipeline, request.params, { runId: request.runId });
      reply({ id: request.id, ok: true, plan: { params: plan.params, steps: plan.steps } });
    } else {
      const result = await runPipelineStep(rt, request.task as PipelineStepTask);
      reply({ id: request.id, ok: true, outputs: result.outputs, status: result.status });
    }
  } catch (error) {
    const e = error as { message?: string; stack?: string; badInput?: boolean; code?: string };
    reply({ id: request.id, ok: false, error: { message: e?.message ?? String(error), stack: e?.stack, badInput: e?.badInput === true, code: e?.code } });
  } finally {
    inFlight--;
  }
}

process.on('message', (m: ChildRequest) => void handle(m));
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
