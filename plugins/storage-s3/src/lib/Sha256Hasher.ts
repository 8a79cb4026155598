import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// Runs in a worker thread: one sha256 per job id. Batches arrive as transferred ArrayBuffers, so
// nothing is copied on the way in; each is acknowledged, which is how the main thread knows how many
// bytes are still queued.
const workerSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'update') {
    let hash = jobs.get(m.id);
    if (!hash) jobs.set(m.id, (hash = createHash('sha256')));
    hash.update(new Uint8Array(m.buffer));
    parentPort.postMessage({ id: m.id, acked: m.buffer.byteLength });
  } else if (m.type === 'digest') {
    const hash = jobs.get(m.id) ?? createHash('sha256');
    jobs.delete(m.id);
    parentPort.postMessage({ id: m.id, hex: hash.digest('hex') });
  } else if (m.type === 'drop') {
    jobs.delete(m.id);
  }
});
`;

/** Bytes gathered before a batch goes to the worker; blobs smaller than this never leave the thread. */
const batchBytes = 4 * 1024 * 1024;
/** Queued bytes the worker may lag behind before `update` makes the caller wait (bounds memory). */
const maxQueuedBytes = 64 * 1024 * 1024;

interface Job {
  queued: number;
  wakeUp?: () => void;
  finish?: (hex: string) => void;
  fail: (error: Error) => void;
}

interface Pool {
  worker: Worker;
  jobs: Map<number, Job>;
  nextId: number;
}

let shared: Pool | undefined;

// The worker holds the process open only while some job waits on it: an idle hashing thread must
// not keep a finished CLI alive, and a pending digest must not let the process exit under it.
function track(state: Pool, id: number, job: Job): void {
  state.jobs.set(id, job);
  if (state.jobs.size === 1) state.worker.ref();
}

function forget(state: Pool, id: number): void {
  if (state.jobs.delete(id) && state.jobs.size === 0) state.worker.unref();
}

function pool() {
  if (shared) return shared;
  const worker = new Worker(workerSource, { eval: true });
  worker.unref();
  const state: Pool = { worker, jobs: new Map<number, Job>(), nextId: 1 };
  worker.on('message', (m: { id: number; acked?: number; hex?: string }) => {
    const job = state.jobs.get(m.id);
    if (!job) return;
    if (m.acked !== undefined) {
      job.queued -= m.acked;
      if (job.queued <= maxQueuedBytes) job.wakeUp?.();
    } else if (m.hex !== undefined) {
      forget(state, m.id);
      job.finish?.(m.hex);
    }
  });
  const failAll = (error: Error) => {
    if (shared === state) shared = undefined;
    for (const job of state.jobs.values()) job.fail(error);
    state.jobs.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the sha256 worker thread exited with code ${code}`)));
  return (shared = state);
}

/**
 * sha256 of a stream of chunks, computed on a worker thread once the stream passes 4 MiB: the
 * transfer loop then only copies chunks into batches, and hashing (the main client-side cost of a
 * verified download or a spooled upload, ~0.7 ms per MiB) runs on another core in parallel. Smaller
 * content is hashed on the calling thread, where a round trip would cost more than the hash.
 */
export class Sha256Hasher {
  private batch: Buffer | undefined;
  private filled = 0;
  private job: { id: number; state: Job } | undefined;
  private error: Error | undefined;

  /** Adds a chunk (copied: the caller may reuse it). Resolves at once unless the worker lags far behind. */
  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.error) throw this.error;
    for (let at = 0; at < chunk.byteLength; ) {
      this.batch ??= Buffer.allocUnsafeSlow(batchBytes);
      const n = Math.min(chunk.byteLength - at, batchBytes - this.filled);
      this.batch.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === batchBytes) this.send();
    }
    const state = this.job?.state;
    if (!state || state.queued <= maxQueuedBytes) return undefined;
    return new Promise<void>((resolve) => (state.wakeUp = resolve));
  }

  /** `sha256:<hex>` of everything added. */
  async digest(): Promise<string> {
    if (this.error) throw this.error;
    if (!this.job) return `sha256:${createHash('sha256').update(this.batch?.subarray(0, this.filled) ?? new Uint8Array(0)).digest('hex')}`;
    if (this.filled > 0) this.send();
    const { id, state } = this.job;
    const hex = await new Promise<string>((resolve, reject) => {
      state.finish = resolve;
      state.fail = reject;
      pool().worker.postMessage({ type: 'digest', id });
    });
    return `sha256:${hex}`;
  }

  /** Forgets the job (e.g. the transfer failed), so the worker frees its state. */
  discard(): void {
    if (this.job && shared) {
      forget(shared, this.job.id);
      shared.worker.postMessage({ type: 'drop', id: this.job.id });
    }
    this.job = undefined;
    this.batch = undefined;
  }

  private send(): void {
    const p = pool();
    if (!this.job) {
      const state: Job = { queued: 0, fail: (error) => (this.error = error) };
      this.job = { id: p.nextId++, state };
      track(p, this.job.id, state);
    }
    // A batch owns its whole ArrayBuffer (allocUnsafeSlow), so a full one is transferred, not copied.
    const whole = this.batch!.buffer as ArrayBuffer;
    const payload = this.filled === whole.byteLength ? whole : whole.slice(0, this.filled);
    this.job.state.queued += payload.byteLength;
    p.worker.postMessage({ type: 'update', id: this.job.id, buffer: payload }, [payload]);
    this.batch = undefined;
    this.filled = 0;
  }
}
