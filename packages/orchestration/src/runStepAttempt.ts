import { setMaxListeners } from 'node:events';
import { stepPolicyOf, type Logger, type OrchestrationOptions, type StepRunOutcome } from '@mlops/core';
import { planStep, type Claimed, type RunRow, type RunStore, type StepOutcome, type StepsPerJob } from './RunStore';
import type { InlineStepRunner } from './InlineStepRunner';
import type { CompletionResult } from './lib/completeStepStatement';
import { CompletionGroup } from './lib/CompletionGroup';
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
  // The run's definition (read once per run and process) alongside the claim, not after it.
  const [claimed, definition] = await Promise.all([store.claim(data.runId, data.stepId, jobId, deps.worker, now, options.takeOverAfterMs === undefined ? undefined : now - options.takeOverAfterMs), store.runDefinition(data.runId)]);
  if (!claimed) return false;
  const run = definition!;
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
 * then its steps one after another, each an attempt of its own (a failed step is retried on its own
 * and does not fail its batch-mates), and one completion statement for the steps that succeeded (a
 * group commit, {@link CompletionGroup}): a step that reaches its recording hands its step run over
 * and waits for that commit while the next step runs; the commit happens when the batch's steps have
 * all run (or once the oldest waited {@link groupCommitMaxDelayMs}), and each waiting step then ends
 * as a single one does (its hooks see the versions the commit gave). Steps in child processes go to
 * one child in one request. A worker killed mid-batch loses only what was not committed: the
 * redelivered job re-runs the steps still `running` (at least once, as for single steps). A step
 * already ended when the job is redelivered is not claimed, so not run again. Once the run is
 * cancelled or has ended (seen by a commit or the heartbeat), the steps not yet started are ended as
 * cancelled; a cancelled run's step in flight is aborted as for a single job.
 */
async function runBatch(jobId: string, runId: string, stepIds: readonly string[], deps: StepAttemptDeps): Promise<boolean> {
  const { store, options } = deps;
  const [claimed, definition] = await Promise.all([store.claimBatch(runId, stepIds, jobId, deps.worker, Date.now()), store.runDefinition(runId)]);
  if (!claimed.length) return false;
  const claim = claimed[0].claimed.claim;
  const run = definition!;
  const abort = new AbortController();
  // Each inline step listens on it until its group commit: more than the default 10 at once is the
  // design, not a leak (Node's warning cost a worker ~4% of its CPU per batch, formatting and stderr).
  setMaxListeners(claimed.length + 10, abort.signal);
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
  const group = new CompletionGroup(store, run.id, batchDeps.settle, groupCommitMaxDelayMs, deps.stepsPerJob);
  const stopped = () => runEnded || abort.signal.aborted;
  const cancelRest = (rest: readonly BatchStep[]) => store.cancelClaimed(run.id, rest.map((s) => s.stepId), claim, Date.now());
  try {
    const live: BatchStep[] = [];
    for (const s of claimed) {
      const policy = stepPolicyOf(options, run.pipeline, s.stepId);
      // Its earlier processes died mid-step as often as the policy allows retries.
      if (s.claimed.attempt > policy.retry.attempts) await batchDeps.settle(await store.failAttempt(run.id, s.stepId, claim, `its worker stopped during each of ${s.claimed.attempt - 1} attempts`, policy.retry, Date.now(), false));
      else live.push(s);
    }
    // The upstream outputs of every step of the batch in one query.
    const upstream = await store.outputsOf(run.id, [...new Set(live.flatMap((s) => s.claimed.dependsOn))]);
    const inline = live.filter((s) => stepPolicyOf(options, run.pipeline, s.stepId).isolation === 'inline');
    const inChild = live.filter((s) => !inline.includes(s));
    const running: Promise<void>[] = [];
    for (const [i, s] of inline.entries()) {
      if (stopped()) {
        await cancelRest([...inline.slice(i), ...inChild]);
        inChild.length = 0;
        break;
      }
      let reached!: () => void;
      const recording = new Promise<void>((r) => (reached = r));
      const attempt = attemptClaimed(run, s.stepId, s.claimed, batchDeps, abort.signal, { group, upstream: pick(upstream, s.claimed.dependsOn), onRecording: reached });
      running.push(attempt);
      // One after another: the next step starts once this one ended or waits for the commit.
      await Promise.race([attempt, recording]);
    }
    if (inChild.length) running.push(runInChild(run, inChild, upstream, group, batchDeps, abort.signal, stopped, cancelRest));
    else void group.flush();
    await Promise.all(running);
    await group.flush();
    if (group.settleError) throw group.settleError;
    return true;
  } finally {
    clearInterval(beat);
  }
}

/**
 * How long a batch's first succeeded step waits at most for its group commit: a longer step later in
 * the batch does not hold back the outcomes (and released dependents) of the steps before it.
 */
export const groupCommitMaxDelayMs = 100;

type BatchStep = { stepId: string; claimed: Claimed };

const pick = (upstream: Record<string, Record<string, string>>, ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, upstream[id]]));

/**
 * A batch's steps in one child process, in one request (see `StepChildPool.runBatch`), the steps that
 * never began (the child was killed at another's timeout, or died) in the next request. A step whose
 * step run reached the group commit ends by it; the others as single steps do (cached: completed with
 * the group; failed: its own attempt's failure, retried alone).
 */
async function runInChild(run: Run, steps: readonly BatchStep[], upstream: Record<string, Record<string, string>>, group: CompletionGroup, deps: StepAttemptDeps, signal: AbortSignal, stopped: () => boolean, cancelRest: (rest: readonly BatchStep[]) => Promise<void>): Promise<void> {
  const { store, options } = deps;
  let todo = steps;
  while (todo.length) {
    if (stopped()) return cancelRest(todo);
    const batch = todo;
    deps.logger.debug(`run ${run.id}: ${batch.length} steps in one child on ${deps.worker}`);
    const tasks = batch.map((s) => ({ runId: run.id, pipeline: run.pipeline, params: run.params, stepId: s.stepId, upstream: pick(upstream, s.claimed.dependsOn) }));
    const recordings = new Map<number, Promise<CompletionResult>>();
    const results = await deps.pool.runBatch(
      tasks,
      batch.map((s) => stepPolicyOf(options, run.pipeline, s.stepId).timeoutMs),
      options.planTimeoutMs,
      signal,
      (i, outcome) => {
        const completion = group.add({ stepId: batch[i].stepId, claim: batch[i].claimed.claim, outputs: Object.fromEntries(outcome.artifacts.map((a) => [a.output, a.id])), dependents: batch[i].claimed.dependents, record: outcome });
        recordings.set(i, completion);
        return completion.then((c) => {
          if (!c.accepted) throw new Error(takenOver(batch[i].stepId, run.id));
          return c.records!;
        });
      },
      () => void group.flush(),
    );
    void group.flush();
    todo = batch.filter((_, i) => results[i].kind === 'notStarted');
    await Promise.all(
      results.map(async (r, i) => {
        if (r.kind === 'notStarted') return;
        const s = batch[i];
        const recording = recordings.get(i);
        let message = r.kind === 'failed' ? r.message : '';
        if (recording) {
          const c = await recording.catch((error: unknown) => void (message ||= (error as Error).message));
          if (c?.accepted) return;
        } else if (r.kind === 'ok') {
          // A cached step: recorded by the metadata store in the child; its completion joins the group.
          const done = group.add({ stepId: s.stepId, claim: s.claimed.claim, outputs: r.outputs, dependents: s.claimed.dependents });
          void group.flush();
          const c = await done.catch((error: unknown) => void (message = (error as Error).message));
          if (c) return;
        }
        const policy = stepPolicyOf(options, run.pipeline, s.stepId);
        const retryable = !(r.kind === 'failed' && r.badInput) && !signal.aborted;
        const outcome = await store.failAttempt(run.id, s.stepId, s.claimed.claim, message || takenOver(s.stepId, run.id), policy.retry, Date.now(), retryable);
        if (outcome.enqueue.length) deps.logger.warn(`run ${run.id}: step "${s.stepId}" attempt ${s.claimed.attempt} failed, retrying in ${Math.max(0, (outcome.enqueue[0].notBefore ?? 0) - Date.now())} ms: ${message.split('\n')[0]}`);
        await deps.settle(outcome);
      }),
    );
  }
}

const takenOver = (stepId: string, runId: string) => `step "${stepId}" of run ${runId} was taken over by another attempt (this one's claim no longer holds): its outputs are not recorded`;

async function planInChild(run: Run, deps: StepAttemptDeps, signal: AbortSignal): Promise<{ id: string; dependsOn: string[] }[]> {
  const res = await deps.pool.run({ kind: 'plan', runId: run.id, pipeline: run.pipeline, params: run.params }, deps.options.planTimeoutMs, deps.options.planTimeoutMs, signal);
  if (!('plan' in res)) throw new Error('the child answered a plan request without a plan');
  return res.plan.steps;
}

/** Runs one claimed attempt and records its outcome (success, retry or failure), then settles it. */
async function attemptClaimed(run: Run, stepId: string, claimed: Claimed, deps: StepAttemptDeps, signal: AbortSignal, batch?: { group: CompletionGroup; upstream: Record<string, Record<string, string>>; onRecording(): void }): Promise<void> {
  const { store, options } = deps;
  const policy = stepPolicyOf(options, run.pipeline, stepId);
  if (claimed.attempt > policy.retry.attempts) {
    // Its earlier processes died mid-step (SIGKILL, OOM) as often as the policy allows retries.
    await deps.settle(await store.failAttempt(run.id, stepId, claimed.claim, `its worker stopped during each of ${claimed.attempt - 1} attempts`, policy.retry, Date.now(), false));
    return;
  }
  let completed: CompletionResult | undefined;
  // In a batch: the group commit this step's outcome waits for (the step may be given up on meanwhile).
  let recording: Promise<CompletionResult> | undefined;
  try {
    if (stepId === planStep) {
      // Where steps run by default, the run is planned: inline, or in a child process.
      const steps = options.defaults.isolation === 'inline' ? (await deps.inline.plan(run.id, run.pipeline, run.params, options.planTimeoutMs)).steps : await planInChild(run, deps, signal);
      await deps.settle(await store.recordPlan(run.id, claimed.claim, steps, Date.now(), deps.stepsPerJob));
      return;
    }
    const upstream = batch ? batch.upstream : await store.outputsOf(run.id, claimed.dependsOn);
    deps.logger.debug(`run ${run.id}: step "${stepId}" attempt ${claimed.attempt} on ${deps.worker}`);
    const task = { runId: run.id, pipeline: run.pipeline, params: run.params, stepId, upstream };
    // A succeeded step's run is recorded with the completion, in one statement fenced by the claim
    // (one round trip and one durable commit per step, and a stale attempt records no step run).
    const recordStepRun = async (outcome: StepRunOutcome) => {
      if (batch) {
        recording = batch.group.add({ stepId, claim: claimed.claim, outputs: Object.fromEntries(outcome.artifacts.map((a) => [a.output, a.id])), dependents: claimed.dependents, record: outcome });
        batch.onRecording();
      }
      completed = await (recording ?? store.completeStepRecording(run.id, stepId, claimed.claim, outcome, claimed.dependents, Date.now(), deps.stepsPerJob));
      if (!completed.accepted) throw new Error(takenOver(stepId, run.id));
      return completed.records!;
    };
    const res = policy.isolation === 'inline' ? await deps.inline.run(task, policy.timeoutMs, options.planTimeoutMs, signal, recordStepRun) : await deps.pool.run({ kind: 'step', task }, policy.timeoutMs, options.planTimeoutMs, signal, recordStepRun);
    if (!('outputs' in res)) throw new Error('the child answered a step request without outputs');
    // A cached step was recorded by the metadata store: its completion follows here.
    if (!completed && batch) {
      batch.onRecording();
      completed = await batch.group.add({ stepId, claim: claimed.claim, outputs: res.outputs, dependents: claimed.dependents });
    }
    await deps.settle(completed ?? (await store.completeStep(run.id, stepId, claimed.claim, res.outputs, claimed.dependents, Date.now(), deps.stepsPerJob)));
  } catch (error) {
    // Given up on (a timeout, a cancel) after its outcome went to the group commit: that commit decides.
    if (recording && !completed) completed = await recording.catch(() => undefined);
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
