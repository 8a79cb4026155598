import { stepPolicyOf, type Logger, type OrchestrationOptions, type StepRunOutcome } from '@mlops/core';
import { planStep, type RunStore, type StepOutcome } from './RunStore';
import type { InlineStepRunner } from './InlineStepRunner';
import type { CompletionResult } from './lib/completeStepStatement';
import { StepAttemptError, type StepChildPool } from './StepChildPool';

/** What a job (a queue entry, a dispatcher pick) stands for: a step row. Everything else is read from the database. */
export interface StepJobData {
  runId: string;
  stepId: string;
}

export interface StepAttemptDeps {
  store: RunStore;
  pool: StepChildPool;
  /** Runs the steps whose policy says `isolation: 'inline'`, in this process. */
  inline: InlineStepRunner;
  options: Pick<OrchestrationOptions, 'defaults' | 'steps'> & {
    /** How often the claiming process tells the database it is alive and on the step. */
    heartbeatMs: number;
    /** Upper bound on a child process loading the project, and on planning a run. */
    planTimeoutMs: number;
    /** Set: a running step is taken over only once its heartbeat is this old (no queue decides for us). */
    takeOverAfterMs?: number;
  };
  logger: Logger;
  /** This process (host:pid), recorded with the attempt. */
  worker: string;
  /** Queues follow-up steps and finishes ended runs (shared with submit and recovery). */
  settle(outcome: StepOutcome): Promise<void>;
}

/**
 * One attempt at a step: claims it in the database (an obsolete or duplicate job stops here), runs it
 * (or plans the run) in a child process, or in this one when the step's policy says `inline`, then
 * records the outcome and queues what became ready. The database is written before the job is
 * acknowledged, so a crash in between redelivers a job whose claim the next process takes over; a
 * stale process's late result is dropped by its claim token. While the step runs, the run is checked
 * at each heartbeat: a cancelled run's child is killed (an inline step is abandoned).
 * Resolves false when the claim failed (nothing ran), true after an attempt.
 */
export async function runStepAttempt(jobId: string, data: StepJobData, deps: StepAttemptDeps): Promise<boolean> {
  const { store, options } = deps;
  const now = Date.now();
  const claimed = await store.claim(data.runId, data.stepId, jobId, deps.worker, now, options.takeOverAfterMs === undefined ? undefined : now - options.takeOverAfterMs);
  if (!claimed) return false;
  const run = (await store.runDefinition(data.runId))!;
  const policy = stepPolicyOf(options, run.pipeline, data.stepId);
  if (claimed.attempt > policy.retry.attempts) {
    // Its earlier processes died mid-step (SIGKILL, OOM) as often as the policy allows retries.
    await deps.settle(await store.failAttempt(run.id, data.stepId, claimed.claim, `its worker stopped during each of ${claimed.attempt - 1} attempts`, policy.retry, Date.now(), false));
    return true;
  }
  const abort = new AbortController();
  let completed: CompletionResult | undefined;
  const beat = setInterval(() => {
    void store
      .heartbeat(run.id, data.stepId, claimed.claim, Date.now())
      .then(() => store.getRunRow(run.id))
      .then((current) => {
        if (current?.status === 'cancelled') abort.abort();
      })
      .catch(() => undefined);
  }, options.heartbeatMs);
  try {
    if (data.stepId === planStep) {
      const res = await deps.pool.run({ kind: 'plan', runId: run.id, pipeline: run.pipeline, params: run.params }, options.planTimeoutMs, options.planTimeoutMs, abort.signal);
      if (!('plan' in res)) throw new Error('the child answered a plan request without a plan');
      await deps.settle(await store.recordPlan(run.id, claimed.claim, res.plan.steps, Date.now()));
      return true;
    }
    const upstream = await store.outputsOf(run.id, claimed.dependsOn);
    deps.logger.debug(`run ${run.id}: step "${data.stepId}" attempt ${claimed.attempt} on ${deps.worker}`);
    const task = { runId: run.id, pipeline: run.pipeline, params: run.params, stepId: data.stepId, upstream };
    // A succeeded step's run is recorded with the completion, in one statement fenced by the claim
    // (one round trip and one durable commit per step, and a stale attempt records no step run).
    const recordStepRun = async (outcome: StepRunOutcome) => {
      completed = await store.completeStepRecording(run.id, data.stepId, claimed.claim, outcome, claimed.dependents, Date.now());
      if (!completed.accepted) throw new Error(`step "${data.stepId}" of run ${run.id} was taken over by another attempt (this one's claim no longer holds): its outputs are not recorded`);
      return completed.records!;
    };
    const res = policy.isolation === 'inline' ? await deps.inline.run(task, policy.timeoutMs, options.planTimeoutMs, abort.signal, recordStepRun) : await deps.pool.run({ kind: 'step', task }, policy.timeoutMs, options.planTimeoutMs, abort.signal, recordStepRun);
    if (!('outputs' in res)) throw new Error('the child answered a step request without outputs');
    // A cached step was recorded by the metadata store: its completion follows here.
    await deps.settle(completed ?? (await store.completeStep(run.id, data.stepId, claimed.claim, res.outputs, claimed.dependents, Date.now())));
    return true;
  } catch (error) {
    // The step's outcome was committed, and something after it failed (the child died before its last
    // answer): the attempt succeeded, and what it made ready is queued.
    if (completed?.accepted) {
      await deps.settle(completed);
      return true;
    }
    const message = error instanceof Error ? error.message : String(error);
    // A cancelled run's step is not retried (the claim of a cancelled run fails anyway).
    const retryable = !(error instanceof StepAttemptError && error.badInput) && !abort.signal.aborted;
    const outcome = await store.failAttempt(run.id, data.stepId, claimed.claim, message, policy.retry, Date.now(), retryable);
    if (outcome.enqueue.length) deps.logger.warn(`run ${run.id}: step "${data.stepId}" attempt ${claimed.attempt} failed, retrying in ${Math.max(0, (outcome.enqueue[0].notBefore ?? 0) - Date.now())} ms: ${message.split('\n')[0]}`);
    await deps.settle(outcome);
    return true;
  } finally {
    clearInterval(beat);
  }
}
