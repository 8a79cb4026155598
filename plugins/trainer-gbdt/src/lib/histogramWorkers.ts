import { Worker } from 'node:worker_threads';
import type { WasmMemory, WasmModule } from './wasm/webAssembly';

/** One histogram job: rows `[first, first + m)` of the node, into this thread's histogram region. */
export interface HistogramJob {
  identity: boolean;
  /** Identity: the first row id; gathered: the byte address of the first row id. */
  rows: number;
  m: number;
  /** Byte address of the rows' gradient pairs (identity), or of all gradients to gather from. */
  gh: number;
  /** Where a gathered job puts its rows' gradient pairs. */
  ordered: number;
  hist: number;
  trash: number;
}

/** Control block slots (Int32): job sequence, finished sequence, then the job. */
const SEQ = 0;
const DONE = 1;
const OP = 2;
const FEATURES = 16;

/**
 * The helper thread's loop, run with `eval`: it instantiates the kernel on the shared memory, then
 * waits on its control block for jobs (a histogram over a row range, features listed in the block).
 * Plain JS in a string so that it runs the same from `dist/` and under jest (which loads `src/`).
 */
const workerSource = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, group } = workerData;
const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
const args = new Array(2 * group);
let seen = 0;
for (;;) {
  Atomics.wait(c, ${SEQ}, seen);
  seen = Atomics.load(c, ${SEQ});
  if (c[${OP}] === 0) break;
  const [identity, rows, m, gh, ordered, hist, trash, n, nf, bins] = c.subarray(3, 13);
  if (!identity) k.gather(rows, m, gh, ordered);
  for (let g = 0; g < nf; g += group) {
    for (let j = 0; j < group; j++) {
      const q = g + j < nf ? g + j : g;
      args[j] = bins + c[${FEATURES} + 2 * q] * n;
      args[group + j] = g + j < nf ? hist + c[${FEATURES} + 1 + 2 * q] : trash;
    }
    if (identity) k.histIdentity(rows, m, gh, ...args);
    else k.histGathered(rows, m, ordered, ...args);
  }
  Atomics.store(c, ${DONE}, seen);
  Atomics.notify(c, ${DONE});
}
`;

/** Helper threads that build histograms over the same shared WebAssembly memory as the caller. */
export interface HistogramHelpers {
  readonly count: number;
  /** Hands job i to helper i (features: ids and byte offsets of their histograms; `bins` = column base address). */
  start(jobs: readonly HistogramJob[], features: Int32Array, histOffsets: Int32Array, n: number, bins: number): void;
  /** Blocks until every started job is done. */
  wait(): void;
  close(): void;
}

export function startHistogramHelpers(count: number, module: WasmModule, memory: WasmMemory, F: number, group: number): HistogramHelpers {
  const helpers = Array.from({ length: count }, () => {
    const control = new SharedArrayBuffer(4 * (FEATURES + 2 * F));
    const worker = new Worker(workerSource, { eval: true, workerData: { module, memory, control, group } });
    worker.unref();
    return { worker, c: new Int32Array(control) };
  });
  let running = 0;
  return {
    count,
    start(jobs, features, histOffsets, n, bins) {
      jobs.forEach((job, i) => {
        const { c } = helpers[i]!;
        c.set([1, job.identity ? 1 : 0, job.rows, job.m, job.gh, job.ordered, job.hist, job.trash, n, features.length, bins], OP);
        for (let j = 0; j < features.length; j++) {
          c[FEATURES + 2 * j] = features[j]!;
          c[FEATURES + 1 + 2 * j] = histOffsets[j]!;
        }
        Atomics.add(c, SEQ, 1);
        Atomics.notify(c, SEQ);
      });
      running = jobs.length;
    },
    wait() {
      for (let i = 0; i < running; i++) {
        const { c } = helpers[i]!;
        const seq = Atomics.load(c, SEQ);
        while (Atomics.load(c, DONE) !== seq) Atomics.wait(c, DONE, Atomics.load(c, DONE));
      }
      running = 0;
    },
    close() {
      for (const { worker, c } of helpers) {
        c[OP] = 0;
        Atomics.add(c, SEQ, 1);
        Atomics.notify(c, SEQ);
        void worker.terminate();
      }
    },
  };
}
