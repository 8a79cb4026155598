import type { ChildProcess } from 'node:child_process';
import type { ArtifactRecord, PipelineStepTask, StepRunOutcome } from '@mlops/core';
import type { ChildRequest, ChildResponse } from './childMessages';

/** How one step of a batch ended in its child: its answer, its failure, or it never began (the child died or was killed first). */
export type BatchStepResult = { kind: 'ok'; outputs: Record<string, string>; status: 'succeeded' | 'cached' } | { kind: 'failed'; message: string; badInput: boolean } | { kind: 'notStarted' };

export interface ChildBatch {
  child: ChildProcess;
  id: number;
  tasks: PipelineStepTask[];
  /** Each step's own timeout, from its `started`. */
  timeoutsMs: number[];
  startTimeoutMs: number;
  signal?: AbortSignal;
  /** A step reached its recording: the worker records its run (group commit) and answers with the records. */
  onOutcome(i: number, outcome: StepRunOutcome): Promise<ArtifactRecord[]>;
  /** Every outcome is handed over: the caller commits them now (the child waits for the answer). */
  onSettled(): void;
  /** Kills the child (a timeout or a cancelled run; the pool replaces it). */
  kill(): void;
}

/**
 * A batch in one child: one request out, the steps' `started` (each carrying the outcomes of the
 * steps before it) and `settled` in, one `batchRecorded` out once every outcome is committed, one
 * answer in. Per step as for a single one: its timeout runs from its `started` and kills the child
 * (that step fails; the steps after it never began), a cancelled run kills it, and a step whose
 * outcome was handed over is not failed by a kill after it (its completion stands).
 */
export function runChildBatch(b: ChildBatch): Promise<BatchStepResult[]> {
  const { child, id } = b;
  const results: (BatchStepResult | undefined)[] = b.tasks.map(() => undefined);
  const recorded: Promise<{ i: number; records?: ArtifactRecord[]; error?: string }>[] = [];
  const handedOver = new Set<number>();
  let current = -1;
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const expire = (ms: number, what: string) =>
      setTimeout(() => {
        end(`${what} ${ms} ms (the child process was killed)`);
        b.kill();
      }, ms);
    timer = expire(b.startTimeoutMs, 'the child process did not load the project within');
    // The child is gone or given up on: the step in flight fails with `why`; a step before it whose
    // outcome was handed over stands (its completion decides); one after it never began.
    const end = (why: string) => {
      for (let i = 0; i < results.length; i++) {
        if (results[i]) continue;
        if (i < current && !handedOver.has(i)) results[i] = { kind: 'failed', message: `the step's child process ended before its answer (${why})`, badInput: false };
        else if (i === current && !handedOver.has(i)) results[i] = { kind: 'failed', message: why, badInput: false };
        else if (i > current) results[i] = { kind: 'notStarted' };
        else results[i] = { kind: 'ok', outputs: {}, status: 'succeeded' };
      }
      finish();
    };
    const finish = () => {
      clearTimeout(timer);
      b.signal?.removeEventListener('abort', onAbort);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(results as BatchStepResult[]);
    };
    const take = (outcomes: { i: number; outcome: StepRunOutcome }[]) => {
      for (const { i, outcome } of outcomes) {
        handedOver.add(i);
        recorded.push(b.onOutcome(i, outcome).then((records) => ({ i, records }), (error: unknown) => ({ i, error: error instanceof Error ? error.message : String(error) })));
      }
    };
    const onMessage = (m: ChildResponse) => {
      if (m.id !== id) return;
      if ('started' in m && typeof m.started === 'number') {
        clearTimeout(timer);
        take(m.outcomes);
        current = m.started;
        timer = expire(b.timeoutsMs[current], 'timed out after');
        return;
      }
      if ('settled' in m) {
        clearTimeout(timer);
        take(m.outcomes);
        current = b.tasks.length;
        b.onSettled();
        void Promise.all(recorded).then((r) => void (child.connected && child.send({ id, kind: 'batchRecorded', results: r } satisfies ChildRequest)));
        return;
      }
      if ('batch' in m) {
        for (const a of m.batch) results[a.i] = a.ok ? { kind: 'ok', outputs: a.outputs, status: a.status } : { kind: 'failed', message: a.error.stack && !a.error.badInput ? a.error.stack : a.error.message, badInput: a.error.badInput };
        return end('no answer');
      }
      if ('ok' in m && !m.ok) {
        // The project did not load: no step began.
        for (let i = 0; i < results.length; i++) results[i] ??= { kind: 'failed', message: m.error.message, badInput: m.error.badInput };
        finish();
      }
    };
    const onExit = (code: number | null, killedBy: NodeJS.Signals | null) => end(`the step's child process exited (${killedBy ?? `code ${code}`}) before the step finished`);
    const onAbort = () => {
      end('the run was cancelled (the child process was killed)');
      b.kill();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (b.signal?.aborted) return onAbort();
    b.signal?.addEventListener('abort', onAbort, { once: true });
    child.send({ id, kind: 'batch', tasks: b.tasks } satisfies ChildRequest);
  });
}
