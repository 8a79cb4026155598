import type { Queue } from 'bullmq';
import type { QueuedJob, RunStore } from '@mlops/orchestration';

/**
 * Re-enqueues, from the database, every step of a running run whose job Redis no longer has (a
 * restart of a Redis that keeps nothing on disk, an eviction) or whose job ended without the step
 * ending; a running step only once its worker's heartbeat is `staleAfterMs` old (a live worker
 * finishes it, even when Redis lost its job). Each gets a new job id through a conditional update, so workers running this at once
 * enqueue it once; a job added late under the old id is refused by the claim.
 */
export async function recoverJobs(store: RunStore, queue: Queue, enqueue: (jobs: QueuedJob[]) => Promise<void>, staleAfterMs: number): Promise<number> {
  const lost: QueuedJob[] = [];
  const staleBefore = Date.now() - staleAfterMs;
  for (const step of await store.liveSteps(staleBefore)) {
    const job = step.jobId === null ? undefined : await queue.getJob(step.jobId);
    const state = job ? await job.getState() : 'missing';
    if (state !== 'missing' && state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
    // Re-read: the step may have ended between the listing and the lookup.
    const now = await store.getStep(step.runId, step.stepId);
    if (!now || (now.status !== 'queued' && now.status !== 'running') || now.jobId !== step.jobId) continue;
    // Only while it is still queued or stale: a step found queued whose job was not in Redis yet (its
    // release committed, its job added just after) may have been claimed since; replacing its job then
    // would have a second worker take it over (seen as a join run twice, attempt 2, under load).
    const jobId = await store.replaceJob(step.runId, step.stepId, step.jobId, staleBefore);
    if (jobId) lost.push({ jobId, runId: step.runId, stepId: step.stepId, notBefore: step.notBefore });
  }
  await enqueue(lost);
  return lost.length;
}
