import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactRecord, PipelineStepTask, StepRunOutcome } from '@mlops/core';
import type { ChildRequest, ChildResponse } from './lib/childMessages';
import { runChildBatch, type BatchStepResult } from './lib/runChildBatch';

/** A step the child could not finish: thrown by the step, a timeout, or the child's death. */
export class StepAttemptError extends Error {
  constructor(
    message: string,
    /** Bad input (a param, a missing pipeline): retrying cannot help. */
    readonly badInput: boolean,
  ) {
    super(message);
  }
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = Distribute<Exclude<ChildRequest, { kind: 'recorded' | 'batchRecorded' | 'batch' }>>;
/** What a child answers a single request (a batch's answers are `runChildBatch`'s). */
type SingleResponse = Exclude<ChildResponse, { outcomes: unknown } | { batch: unknown }>;
type Answer = Exclude<SingleResponse, { record: StepRunOutcome }> & { ok: true };

interface Slot {
  child: ChildProcess | undefined;
  busy: boolean;
}

// Under ts-jest this file is the .ts source; the child must be the compiled one.
function childScript(): string {
  const beside = join(__dirname, 'stepChild.js');
  return existsSync(beside) ? beside : join(__dirname, '..', 'dist', 'stepChild.js');
}

/**
 * One long-lived child process per worker slot (`concurrency`), kept warm: `warm` starts every child
 * ahead of work (each loads the project once, at start), and a child the pool kills (a timeout, a
 * cancelled run, stopping a CPU-bound step for real) is replaced at once. A child that crashed is
 * replaced by the next request.
 */
export class StepChildPool {
  private readonly slots: Slot[];
  private seq = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly configFile: string,
  ) {
    this.slots = Array.from({ length: size }, () => ({ child: undefined, busy: false }));
  }

  /**
   * Runs a request in a free child; the caller (BullMQ's concurrency, the local dispatcher) never asks
   * for more than `size` at once. An aborted `signal` kills the child (a cancelled run).
   * With `recordStepRun`, a succeeded step's run is recorded here, by it, when the child asks: from
   * then on the attempt is no longer killed at its timeout or a cancel (its outcome is being
   * committed; it ends soon), as an inline step is waited for once it records.
   */
  run(request: Request, timeoutMs: number, startTimeoutMs = 120_000, signal?: AbortSignal, recordStepRun?: (outcome: StepRunOutcome) => Promise<ArtifactRecord[]>): Promise<Answer> {
    const slot = this.slots.find((s) => !s.busy);
    if (!slot) return Promise.reject(new Error('no free child process (more requests than worker concurrency)'));
    slot.busy = true;
    const child = (slot.child ??= this.spawn(slot));
    const id = ++this.seq;
    return new Promise<Answer>((resolve, reject) => {
      const expire = (ms: number, what: string) =>
        setTimeout(() => {
          done(() => reject(new StepAttemptError(`${what} ${ms} ms (the child process was killed)`, false)));
          this.kill(slot);
        }, ms);
      // Loading the config and plugins in a fresh child is not the step's time: its own clock starts when the child says so.
      let timer = expire(startTimeoutMs, 'the child process did not load the project within');
      const onAbort = () => {
        done(() => reject(new StepAttemptError('the run was cancelled (the child process was killed)', false)));
        this.kill(slot);
      };
      const done = (fn: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        child.off('message', onMessage);
        child.off('exit', onExit);
        slot.busy = false;
        fn();
      };
      const onMessage = (message: ChildResponse) => {
        const m = message as SingleResponse;
        if (m.id !== id || 'ready' in m) return;
        if ('started' in m) {
          clearTimeout(timer);
          timer = expire(timeoutMs, 'timed out after');
          return;
        }
        if ('record' in m) {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const answer = (a: { records?: ArtifactRecord[]; error?: string }) => void (child.connected && child.send({ id, kind: 'recorded', ...a } satisfies ChildRequest));
          if (!recordStepRun) return answer({ error: 'this worker records no step runs for its children' });
          recordStepRun(m.record).then(
            (records) => answer({ records }),
            (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
          );
          return;
        }
        done(() => (m.ok ? resolve(m) : reject(new StepAttemptError(m.error.stack && !m.error.badInput ? m.error.stack : m.error.message, m.error.badInput))));
      };
      const onExit = (code: number | null, killedBy: NodeJS.Signals | null) => done(() => reject(new StepAttemptError(`the step's child process exited (${killedBy ?? `code ${code}`}) before the step finished`, false)));
      child.on('message', onMessage);
      child.once('exit', onExit);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      child.send({ ...request, id, ...(recordStepRun && request.kind === 'step' ? { parentRecords: true } : {}) } as ChildRequest);
    });
  }

  /**
   * Runs a batch job's steps one after another in one free child, in one request (see
   * `runChildBatch`): each step's succeeded run goes to `onOutcome` (the caller's group commit).
   */
  async runBatch(tasks: PipelineStepTask[], timeoutsMs: number[], startTimeoutMs: number, signal: AbortSignal | undefined, onOutcome: (i: number, outcome: StepRunOutcome) => Promise<ArtifactRecord[]>, onSettled: () => void): Promise<BatchStepResult[]> {
    const slot = this.slots.find((s) => !s.busy);
    if (!slot) throw new Error('no free child process (more requests than worker concurrency)');
    slot.busy = true;
    try {
      const child = (slot.child ??= this.spawn(slot));
      return await runChildBatch({ child, id: ++this.seq, tasks, timeoutsMs, startTimeoutMs, signal, onOutcome, onSettled, kill: () => this.kill(slot) });
    } finally {
      slot.busy = false;
    }
  }

  /**
   * Starts a child in every empty slot and resolves once each has loaded the project, died, or
   * `timeoutMs` passed (a child still loading then goes on loading, and its first request waits for
   * it): a worker that waits for it takes its first job warm, without holding its start-up for long on
   * a slow machine. Never rejects (a project that fails to load fails the first request, with its error).
   */
  async warm(timeoutMs = 5_000): Promise<void> {
    await Promise.all(
      this.slots.filter((s) => !s.child && !s.busy).map((slot) => {
        const child = (slot.child = this.spawn(slot));
        return new Promise<void>((resolve) => {
          const end = () => {
            clearTimeout(timer);
            child.off('message', onMessage);
            child.off('exit', end);
            resolve();
          };
          const onMessage = (m: ChildResponse) => void ('ready' in m && end());
          const timer = setTimeout(end, timeoutMs);
          child.on('message', onMessage);
          child.once('exit', end);
        });
      }),
    );
  }

  private spawn(slot: Slot): ChildProcess {
    const child = fork(childScript(), [], { env: { ...process.env, MLOPS_WORKER_CONFIG: this.configFile }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('exit', () => {
      if (slot.child === child) slot.child = undefined;
    });
    return child;
  }

  private kill(slot: Slot): void {
    slot.child?.kill('SIGKILL');
    slot.child = undefined;
    // Its replacement loads the project now, while the slot waits for its next job.
    if (!this.closed) slot.child = this.spawn(slot);
  }

  /** Ends every child (after the worker stopped taking jobs). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        const child = slot.child;
        if (!child) return;
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
        slot.child = undefined;
      }),
    );
  }
}
