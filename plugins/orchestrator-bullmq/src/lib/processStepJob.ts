import { stepPolicyOf, type Logger, type MetadataStore } from '@mlops/core';
import type { BullmqOrchestratorOptions } from '../options';
import { planStep, type RunStore, type StepOutcome } from '../RunStore';
import { StepAttemptError, type StepChildPool } from '../StepChildPool';

/** What the job carries: the row it stands for. Everything else is read from the database. */
export interface StepJobData {
  runId: string;
  stepId: string;
}

export interface ProcessDeps {
  store: RunStore;
  metadata: MetadataStore;
  pool: StepChildPool;
  options: BullmqOrchestratorOptions;
  logger: Logger;
  worker: string;
  /** Puts follow-up jobs on the queue and finishes ended runs (shared with submit and recovery). */
  settle(outcome: StepOutcome): Promise<void>;
}

/**
 * A worker's job: claims the step in the database (an obsolete or duplicate job stops here), runs it
 * (or plans the run) in a child process, then records the outcome and queues what became ready. The
 * database is written before the job completes in Redis, so a crash in between redelivers a job whose
 * claim the next worker takes over; a stale worker's late result is dropped by its claim token.
 */
export async function processStepJob(jobId: string, data: StepJobData, deps: ProcessDeps): Promise<void> {
  const { store, options } = deps;
  const now = Date.now();
  const claimed = await store.claim(data.runId, data.stepId, jobId, deps.worker, now);
  if (!claimed) return;
  const run = (await store.getRunRow(data.runId))!;
  const policy = stepPolicyOf(options, run.pipeline, data.stepId);
  if (claimed.attempt > policy.retry.attempts) {
    // Its earlier workers died mid-step (SIGKILL, OOM) as often as the policy allows retries.
    await deps.settle(await store.failAttempt(run.id, data.stepId, claimed.claim, `its worker stopped during each of ${claimed.attempt - 1} attempts`, policy.retry, Date.now(), false));
    return;
  }
  // While the child works, the database hears from this worker: recovery leaves the step alone.
  const beat = setInterval(() => void store.heartbeat(run.id, data.stepId, claimed.claim, Date.now()).catch(() => undefined), Math.max(100, Math.floor(options.lockDurationMs / 3)));
  try {
    if (data.stepId === planStep) {
      const res = await deps.pool.run({ kind: 'plan', pipeline: run.pipeline, params: run.params }, options.planTimeoutMs, options.planTimeoutMs);
      if (!('plan' in res)) throw new Error('the child answered a plan request without a plan');
      await deps.settle(await store.recordPlan(run.id, claimed.claim, res.plan.steps, Date.now()));
      return;
    }
    const step = (await store.getStep(run.id, data.stepId))!;
    const upstream: Record<string, Record<string, string>> = {};
    for (const dep of step.dependsOn) upstream[dep] = (await store.getStep(run.id, dep))!.outputs;
    deps.logger.debug(`run ${run.id}: step "${data.stepId}" attempt ${claimed.attempt} on ${deps.worker}`);
    const res = await deps.pool.run({ kind: 'step', task: { runId: run.id, pipeline: run.pipeline, params: run.params, stepId: data.stepId, upstream } }, policy.timeoutMs, options.planTimeoutMs);
    if (!('outputs' in res)) throw new Error('the child answered a step request without outputs');
    await deps.settle(await store.completeStep(run.id, data.stepId, claimed.claim, res.outputs, Date.now()));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof StepAttemptError && error.badInput);
    const outcome = await store.failAttempt(run.id, data.stepId, claimed.claim, message, policy.retry, Date.now(), retryable);
    if (outcome.enqueue.length) deps.logger.warn(`run ${run.id}: step "${data.stepId}" attempt ${claimed.attempt} failed, retrying in ${Math.max(0, (outcome.enqueue[0].notBefore ?? 0) - Date.now())} ms: ${message.split('\n')[0]}`);
    await deps.settle(outcome);
  } finally {
    clearInterval(beat);
  }
}
