import { Worker } from 'node:worker_threads';
import { StorageError } from '@mlops/core';
import { s3Messages } from './messages';

/**
 * The thread's loop, run with `eval` (plain JS in a string, so it runs the same from `dist/` and
 * under jest). One sha256 per job id; chunks arrive as transferred ArrayBuffers, in order, and go
 * back (transferred again) once hashed when the caller still needs them.
 */
const threadSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
const hashOf = (id) => hashes.get(id) ?? hashes.set(id, createHash('sha256')).get(id);
parentPort.on('message', ({ id, kind, chunks, back }) => {
  if (kind === 'chunks') {
    const hash = hashOf(id);
    for (const chunk of chunks) hash.update(new Uint8Array(chunk));
    parentPort.postMessage({ id, chunks: back ? chunks : [] }, back ? chunks : []);
  } else if (kind === 'end') {
    parentPort.postMessage({ id, digest: hashOf(id).digest('hex') });
    hashes.delete(id);
  } else {
    hashes.delete(id);
  }
});
`;

interface Reply {
  chunks?: ArrayBuffer[];
  digest?: string;
}

interface Job {
  /** Resolvers of this job's requests, in the order sent: the thread answers each job in order. */
  waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[];
}

/** One sha256 being computed on the {@link HashThread}. */
export interface ThreadHash {
  /**
   * Hashes `chunks` on the thread. Their memory is transferred, so the caller's views are emptied;
   * with `back`, the same bytes come back (as new views) once hashed, otherwise an empty array.
   */
  update(chunks: Uint8Array[], back: boolean): Promise<Uint8Array[]>;
  /** The hex sha256 of everything sent so far; ends the job. */
  digest(): Promise<string>;
  /** Drops the job (a reader stopped early); replies still on their way are ignored. */
  abort(): void;
}

/**
 * A worker thread that computes sha256 digests of large reads, so the main thread can take the next
 * chunk off the socket while the last one is hashed. Started on first use and shared by all reads of
 * a store; it keeps the process alive only while a job is open, and `close()` ends it.
 */
export class HashThread {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  open(): ThreadHash {
    const worker = this.start();
    const id = this.nextId++;
    const job: Job = { waiting: [] };
    this.jobs.set(id, job);
    worker.ref();
    const ask = (message: object, transfer: ArrayBuffer[]) =>
      new Promise<Reply>((resolve, reject) => {
        if (this.jobs.get(id) !== job) return reject(new StorageError(s3Messages.hashThreadFailed('the job was ended')));
        job.waiting.push({ resolve, reject });
        worker.postMessage({ id, ...message }, transfer);
      });
    const end = () => {
      if (this.jobs.delete(id) && this.jobs.size === 0) worker.unref();
    };
    return {
      update: async (chunks, back) => {
        const buffers = chunks.map(ownBuffer);
        const reply = await ask({ kind: 'chunks', chunks: buffers, back }, buffers);
        return (reply.chunks ?? []).map((buffer) => Buffer.from(buffer));
      },
      digest: async () => {
        try {
          return (await ask({ kind: 'end' }, [])).digest ?? '';
        } finally {
          end();
        }
      },
      abort: () => {
        if (this.jobs.get(id) !== job) return;
        worker.postMessage({ id, kind: 'abort' });
        end();
      },
    };
  }

  /** Ends the thread; open jobs fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new StorageError(s3Messages.hashThreadFailed('the store was closed')));
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(threadSource, { eval: true });
    worker.unref();
    worker.on('message', ({ id, ...reply }: Reply & { id: number }) => this.jobs.get(id)?.waiting.shift()?.resolve(reply));
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new StorageError(s3Messages.hashThreadFailed(error.message), { cause: error }));
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const job of this.jobs.values()) for (const waiter of job.waiting.splice(0)) waiter.reject(error);
    this.jobs.clear();
  }
}

/**
 * An ArrayBuffer holding exactly the chunk's bytes and nothing else, which can be transferred. Body
 * chunks from node's HTTP parser own their buffer; a view into a larger or shared buffer is copied,
 * since transferring that buffer would empty other views of it.
 */
function ownBuffer(chunk: Uint8Array): ArrayBuffer {
  const { buffer } = chunk;
  if (buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength) return buffer;
  return new Uint8Array(chunk).buffer;
}
