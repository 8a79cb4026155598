import { stepPolicyOf, type Logger, type OrchestrationOptions, type StepRunOutcome } from '@mlops/core';
import { planStep, type Claimed, type RunRow, type RunStore, type StepOutcome, type StepsPerJob } from './RunStore';
import type { InlineStepRunner } from './InlineStepRunner';
import type { CompletionResult } from './lib/completeStepStatement';
import { StepAttemptError, type StepChildPool } from './StepChildPool';

/**
 * What a job (a queue entry, a dispatcher pick) stands for: a step row, or with `stepIds` several
 * steps of one run that share the job's id (a batch; `stepId` is then its first). Everything else is
 * read from the database.
 */
export interface StepJobData {
  runId: string;
  stepId: string;
  /** A batch job: all its steps, in the order the worker runs them (one after another). */
  stepIds?: string[];
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
  /** How many of the steps that become ready together share one job (batch dispatch); default one each. */
  stepsPerJob?: StepsPerJob;
}

type Run = Pick<RunRow, 'id' | 'pipeline' | 'params'>;

/**
 * One attempt at a step: claims it in the database (an obsolete or duplicate job stops here), runs it
 * (or plans the run) in a child process, or in this one when the step's policy says `inline`, then
 * records the outcome and queues what became ready. The database is written before the job is
 * acknowledged, so a crash in between redelivers a job whose claim the next process takes over; a
 * stale process's late result is dropped by its claim token. While the step runs, the run is checked
 * at each heartbeat: a cancelled run's child is killed (an inline step is abandoned).
 * A batch job (`stepIds`) claims all its steps in one statement and runs them one after another,
 * each an attempt of its own (retries, timeouts, outcome per step; see {@link runBatch}).
 * Resolves false when the claim failed (nothing ran), true after an attempt.
 */
export async function runStepAttempt(jobId: string, data: StepJobData, deps: StepAttemptDeps): Promise<boolean> {
  if (data.stepIds && data.stepIds.length > 1) return runBatch(jobId, data.runId, data.stepIds, deps);
  const { store, options } = deps;
  const now = Date.now();
  const claimed = await store.claim(data.runId, data.stepId, jobId, deps.worker, now, options.takeOverAfterMs === undefined ? undefined : now - options.takeOverAfterMs);
  if (!claimed) return false;
  const run = (await store.runDefinition(data.runId))!;
  const abort = new AbortController();
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
    await attemptClaimed(run, data.stepId, claimed, deps, abort.signal);
    return true;
  } finally {
    clearInterval(beat);
  }
}

/**
 * A batch job: one claim statement for its steps (one token), one heartbeat for those still running,
 * then each step in the job's order as its own attempt (a failed step is retried on its own and does
 * not fail its batch-mates). A step already ended when the job is redelivered (its worker died
 * mid-batch) is not claimed, so not run again. Once the run is cancelled or has ended (seen by a step's
 * completion, which reads the run's row, or by the heartbeat), the steps not yet started are ended as
 * cancelled; a cancelled run's step in flight is aborted as for a single job.
 */
async function runBatch(jobId: string, runId: string, stepIds: readonly string[], deps: StepAttemptDeps): Promise<boolean> {
  const { store, options } = deps;
  const claimed = await store.claimBatch(runId, stepIds, jobId, deps.worker, Date.now());
  if (!claimed.length) return false;
  const claim = claimed[0].claimed.claim;
  const run = (await store.runDefinition(runId))!;
  const abort = new AbortController();
  let runEnded = false;
  const beat = setInterval(() => {
    void store
      .heartbeatClaim(run.id, claim, Date.now())
      .then(() => store.getRunRow(run.id))
      .then((current) => {
        if (current && current.status !== 'running') runEnded = true;
        if (current?.status === 'cancelled') abort.abort();
      })
      .catch(() => undefined);
  }, options.heartbeatMs);
  const settle = deps.settle;
  const batchDeps: StepAttemptDeps = {
    ...deps,
    settle: async (outcome) => {
      // Each completion reads the run's status on the way (a cancel, or a failure elsewhere, shows there).
      if (outcome.runEnded || (outcome.runStatus !== undefined && outcome.runStatus !== 'running')) runEnded = true;
      await settle(outcome);
    },
  };
  try {
    for (const [i, { stepId, claimed: c }] of claimed.entries()) {
      if (runEnded || abort.signal.aborted) {
        await store.cancelClaimed(run.id, claimed.slice(i).map((s) => s.stepId), claim, Date.now());
        break;
      }
      await attemptClaimed(run, stepId, c, batchDeps, abort.signal);
    }
    return true;
  } finally {
    clearInterval(beat);
  }
}

/** Runs one claimed attempt and records its outcome (success, retry or failure), then settles it. */
async function attemptClaimed(run: Run, stepId: string, claimed: Claimed, deps: StepAttemptDeps, signal: AbortSignal): Promise<void> {
  const { store, options } = deps;
  const policy = stepPolicyOf(options, run.pipeline, stepId);
  if (claimed.attempt > policy.retry.attempts) {
    // Its earlier processes died mid-step (SIGKILL, OOM) as often as the policy allows retries.
    await deps.settle(await store.failAttempt(run.id, stepId, claimed.claim, `its worker stopped during each of ${claimed.attempt - 1} attempts`, policy.retry, Date.now(), false));
    return;
  }
  let completed: CompletionResult | undefined;
  try {
    if (stepId === planStep) {
      const res = await deps.pool.run({ kind: 'plan', runId: run.id, pipeline: run.pipeline, params: run.params }, options.planTimeoutMs, options.planTimeoutMs, signal);
      if (!('plan' in res)) throw new Error('the child answered a plan request without a plan');
      await deps.settle(await store.recordPlan(run.id, claimed.claim, res.plan.steps, Date.now(), deps.stepsPerJob));
      return;
    }
    const upstream = await store.outputsOf(run.id, claimed.dependsOn);
    deps.logger.debug(`run ${run.id}: step "${stepId}" attempt ${claimed.attempt} on ${deps.worker}`);
    const task = { runId: run.id, pipeline: run.pipeline, params: run.params, stepId, upstream };
    // A succeeded step's run is recorded with the completion, in one statement fenced by the claim
    // (one round trip and one durable commit per step, and a stale attempt records no step run).
    const recordStepRun = async (outcome: StepRunOutcome) => {
      completed = await store.completeStepRecording(run.id, stepId, claimed.claim, outcome, claimed.dependents, Date.now(), deps.stepsPerJob);
      if (!completed.accepted) throw new Error(`step "${stepId}" of run ${run.id} was taken over by another attempt (this one's claim no longer holds): its outputs are not recorded`);
      return completed.records!;
    };
    const res = policy.isolation === 'inline' ? await deps.inline.run(task, policy.timeoutMs, options.planTimeoutMs, signal, recordStepRun) : await deps.pool.run({ kind: 'step', task }, policy.timeoutMs, options.planTimeoutMs, signal, recordStepRun);
    if (!('outputs' in res)) throw new Error('the child answered a step request without outputs');
    // A cached step was recorded by the metadata store: its completion follows here.
    await deps.settle(completed ?? (await store.completeStep(run.id, stepId, claimed.claim, res.outputs, claimed.dependents, Date.now(), deps.stepsPerJob)));
  } catch (error) {
    // The step's outcome was committed, and something after it failed (the child died before its last
    // answer): the attempt succeeded, and what it made ready is queued.
    if (completed?.accepted) {
      await deps.settle(completed);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    // A cancelled run's step is not retried (the claim of a cancelled run fails anyway).
    const retryable = !(error instanceof StepAttemptError && error.badInput) && !signal.aborted;
    const outcome = await store.failAttempt(run.id, stepId, claimed.claim, message, policy.retry, Date.now(), retryable);
    if (outcome.enqueue.length) deps.logger.warn(`run ${run.id}: step "${stepId}" attempt ${claimed.attempt} failed, retrying in ${Math.max(0, (outcome.enqueue[0].notBefore ?? 0) - Date.now())} ms: ${message.split('\n')[0]}`);
    await deps.settle(outcome);
  }
}
