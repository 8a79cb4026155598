import { binOf } from './binFeatures';
import { startHistogramHelpers, type HistogramHelpers, type HistogramJob } from './histogramWorkers';
import { binColumnFunction, gatherFunction, GROUP, histFunction, partitionFunction } from './wasm/kernelFunctions';
import { encodeWasmModule } from './wasm/wasmBytes';
import { webAssembly, type WasmMemory, type WasmModule } from './wasm/webAssembly';

/** Doubles per histogram bin: `[Σg, Σh, count, unused]`. */
export const HIST_STRIDE = 4;
/** Most bins a feature can have: `maxBins` (≤ 255) value bins plus the missing bin. */
const MAX_FEATURE_BINS = 256;
const BIN_BYTES = HIST_STRIDE * 8;
const PAGE = 65536;
const MAX_PAGES = 65536;

/**
 * The training data and per-tree buffers of one fit, laid out in one memory, and the loops that
 * dominate training over them: binning, histograms and partitions. WebAssembly where available
 * (about twice as fast as the same loops in JS: V8 re-checks each typed array's map, length and
 * base pointer on every loop iteration, WebAssembly addresses its memory with no per-access
 * checks); plain JS otherwise, with the same results.
 */
export interface TrainingKernel {
  /** `wasm`, or `js` where WebAssembly is unavailable (e.g. `node --jitless`) or the data exceeds 4 GiB. */
  readonly engine: 'wasm' | 'js';
  /** Column-major bin codes `bins[f * rows + i]`. */
  readonly bins: Uint8Array;
  /** Row ids of the current tree, partitioned in place so each node owns a contiguous range. */
  readonly rows: Int32Array;
  /** Gradient and hessian of every row for the current tree, interleaved: `gh[2i] = g, gh[2i+1] = h`. */
  readonly gh: Float64Array;
  /** Fills feature `f`'s bins from its float32 values and ascending bin bounds (see binOf). */
  binColumn(f: number, col: Float32Array, upper: Float64Array): void;
  /**
   * Fills `out` (`HIST_STRIDE × offsets[F]` doubles) with the sums of rows `rows[start, end)` over
   * `features`; `identity` says those rows are exactly `0..end-1` (a root without row sampling).
   */
  build(features: Int32Array, offsets: Int32Array, start: number, end: number, identity: boolean, out: Float64Array): void;
  /** Stable in-place partition of `rows[start, end)`: bins `b` of feature `f` with `goesLeft[b]` first; returns the first right index. */
  partition(f: number, goesLeft: Uint8Array, start: number, end: number): number;
  /** Threads building histograms (1 = this one only). */
  readonly threads: number;
  /** Stops the helper threads, if any. */
  close(): void;
}

/** Fewest rows per thread for a histogram to be split across threads (below, waking a helper costs more than it saves). */
const MIN_ROWS_PER_THREAD = 8192;

/** Byte layout: each region 16-byte aligned so SIMD loads never straddle one. */
function layout(n: number, F: number, threads: number) {
  const align = (x: number) => Math.ceil(x / 16) * 16;
  const rows = align(n * F);
  const gh = align(rows + 4 * n);
  // Gathered gradients while building a histogram; partition scratch; float32 column while binning.
  const scratch = gh + 16 * n;
  // Per thread: a histogram, then one feature's bins nobody reads (where a short last group's padding adds).
  const hist = scratch + 16 * n;
  const threadBytes = (F + 1) * MAX_FEATURE_BINS * BIN_BYTES;
  const table = hist + threads * threadBytes;
  const histOf = (t: number) => hist + t * threadBytes;
  const trashOf = (t: number) => histOf(t) + F * MAX_FEATURE_BINS * BIN_BYTES;
  return { bins: 0, rows, gh, scratch, hist, histOf, trashOf, table, bytes: table + MAX_FEATURE_BINS * 4 };
}
type Layout = ReturnType<typeof layout>;

interface KernelExports {
  histGathered(rows: number, m: number, gh: number, ...binsThenHists: number[]): void;
  histIdentity(rows: number, m: number, gh: number, ...binsThenHists: number[]): void;
  gather(rows: number, m: number, gh: number, out: number): void;
  partition(rows: number, m: number, bins: number, table: number, tmp: number): number;
  binColumn(col: number, n: number, upper: number, out: number, last: number): void;
}

const compiled = new Map<boolean, WasmModule | null>();

/** The kernel module (on a shared memory or not), compiled once per process; null when WebAssembly (or its SIMD) is unavailable. */
function kernelModule(shared: boolean): WasmModule | null {
  if (compiled.has(shared)) return compiled.get(shared)!;
  const wasm = webAssembly();
  let module: WasmModule | null = null;
  try {
    const functions = [histFunction('histGathered', true), histFunction('histIdentity', false), gatherFunction(), partitionFunction(), binColumnFunction()];
    module = wasm ? new wasm.Module(encodeWasmModule(functions, shared)) : null;
  } catch {
    module = null;
  }
  compiled.set(shared, module);
  return module;
}

/**
 * The memory of a fit of `n` rows × `F` features and the kernel over it. `threads` > 1 builds large
 * histograms on that many threads (worker_threads over a shared memory, each thread a slice of the
 * rows, then summed); `engine: 'js'` forces the single-threaded fallback.
 */
export function createTrainingKernel(n: number, F: number, options: { engine?: 'wasm' | 'js'; threads?: number } = {}): TrainingKernel {
  const wanted = options.engine === 'js' ? 1 : Math.max(1, options.threads ?? 1);
  const at = layout(n, F, wanted);
  const pages = Math.ceil(at.bytes / PAGE);
  const shared = wanted > 1;
  const module = options.engine !== 'js' && pages <= MAX_PAGES ? kernelModule(shared) : null;
  const js = () => jsKernel(n, F, new ArrayBuffer(layout(n, F, 1).bytes), layout(n, F, 1));
  if (!module) return js();
  const wasm = webAssembly()!;
  let memory: WasmMemory;
  try {
    memory = new wasm.Memory({ initial: pages, maximum: pages, ...(shared ? { shared } : {}) });
  } catch {
    // No room for a WebAssembly memory this size (its address space is reserved up front).
    return js();
  }
  const exports = new wasm.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const helpers = shared ? startHistogramHelpers(wanted - 1, module, memory, F, GROUP) : undefined;
  return wasmKernel(n, F, memory.buffer, at, exports, helpers);
}

function views(n: number, F: number, buffer: ArrayBufferLike, at: Layout) {
  return {
    bins: new Uint8Array(buffer, at.bins, n * F),
    rows: new Int32Array(buffer, at.rows, n),
    gh: new Float64Array(buffer, at.gh, 2 * n),
    scratch: new Float64Array(buffer, at.scratch, 2 * n),
    scratchRows: new Int32Array(buffer, at.scratch, n),
    hist: new Float64Array(buffer, at.hist, F * MAX_FEATURE_BINS * HIST_STRIDE),
  };
}

function wasmKernel(n: number, F: number, buffer: ArrayBufferLike, at: Layout, k: KernelExports, helpers?: HistogramHelpers): TrainingKernel {
  const v = views(n, F, buffer, at);
  const threads = 1 + (helpers?.count ?? 0);
  const f64 = new Float64Array(buffer);
  // Bin counts of every column: the counts of any root without row sampling (computed at the first
  // root, so the bins must be final by then, as they are in a fit).
  let rootCounts: Float64Array | undefined;
  const countColumns = (offsets: Int32Array): Float64Array => {
    const counts = new Float64Array(offsets[F]!);
    for (let f = 0; f < F; f++) for (let i = f * n; i < (f + 1) * n; i++) counts[offsets[f]! + v.bins[i]!]! += 1;
    return counts;
  };
  const column = new Float32Array(buffer, at.scratch, n);
  const upperF32 = new Float32Array(buffer, at.table, MAX_FEATURE_BINS);
  const table = new Uint8Array(buffer, at.table, MAX_FEATURE_BINS);
  // Addresses of one group's bin columns and histogram slices; a short last group repeats its first feature into the trash bins.
  const groupArgs = (features: Int32Array, g: number, offsets: Int32Array, hist: number, trash: number): number[] => {
    const args: number[] = [];
    for (let j = 0; j < GROUP; j++) args.push(at.bins + (g + j < features.length ? features[g + j]! : features[g]!) * n);
    for (let j = 0; j < GROUP; j++) args.push(g + j < features.length ? hist + offsets[features[g + j]!]! * BIN_BYTES : trash);
    return args;
  };
  // This thread's share of a histogram: rows `[start, end)` into its own region.
  const buildHere = (features: Int32Array, offsets: Int32Array, start: number, end: number, identity: boolean, hist: number, trash: number): void => {
    const rowsAt = at.rows + 4 * start;
    if (!identity) k.gather(rowsAt, end - start, at.gh, at.scratch + 16 * start);
    for (let g = 0; g < features.length; g += GROUP) {
      if (identity) k.histIdentity(start, end - start, at.gh + 16 * start, ...groupArgs(features, g, offsets, hist, trash));
      else k.histGathered(rowsAt, end - start, at.scratch + 16 * start, ...groupArgs(features, g, offsets, hist, trash));
    }
  };
  return {
    engine: 'wasm',
    threads,
    bins: v.bins,
    rows: v.rows,
    gh: v.gh,
    binColumn(f, col, upper) {
      column.set(col);
      upperF32.fill(Infinity);
      upperF32.set(upper);
      k.binColumn(at.scratch, n, at.table, at.bins + f * n, upper.length - 1);
    },
    build(features, offsets, start, end, identity, out) {
      const used = offsets[offsets.length - 1]! * HIST_STRIDE;
      const parts = Math.min(threads, Math.floor((end - start) / MIN_ROWS_PER_THREAD)) || 1;
      for (let t = 0; t < parts; t++) f64.fill(0, at.histOf(t) / 8, at.histOf(t) / 8 + used);
      // Rows [start, end) cut into `parts` slices: helpers take slices 1.., this thread slice 0.
      const cut = (t: number) => start + Math.round(((end - start) * t) / parts);
      if (parts > 1) {
        const jobs: HistogramJob[] = [];
        for (let t = 1; t < parts; t++) {
          const [s, e] = [cut(t), cut(t + 1)];
          jobs.push({ identity, rows: identity ? s : at.rows + 4 * s, m: e - s, gh: identity ? at.gh + 16 * s : at.gh, ordered: at.scratch + 16 * s, hist: at.histOf(t), trash: at.trashOf(t) });
        }
        helpers!.start(jobs, features, Int32Array.from(features, (f) => offsets[f]! * BIN_BYTES), n, at.bins);
      }
      buildHere(features, offsets, start, cut(1), identity, at.histOf(0), at.trashOf(0));
      if (parts > 1) {
        helpers!.wait();
        const base = at.histOf(0) / 8;
        for (let t = 1; t < parts; t++) {
          const other = at.histOf(t) / 8;
          for (let i = 0; i < used; i++) f64[base + i] += f64[other + i]!;
        }
      }
      if (identity) {
        rootCounts ??= countColumns(offsets);
        for (const f of features) for (let b = offsets[f]!; b < offsets[f + 1]!; b++) v.hist[b * HIST_STRIDE + 2] = rootCounts[b]!;
      }
      out.set(v.hist.subarray(0, used));
    },
    close() {
      helpers?.close();
    },
    partition(f, goesLeft, start, end) {
      table.set(goesLeft);
      const left = k.partition(at.rows + 4 * start, end - start, at.bins + f * n, at.table, at.scratch);
      v.rows.set(v.scratchRows.subarray(0, end - start - left), start + left);
      return start + left;
    },
  };
}

/** The same loops in plain JS, adding in the same order as the WebAssembly ones (identical results). */
function jsKernel(n: number, F: number, buffer: ArrayBuffer, at: Layout): TrainingKernel {
  const { bins, rows, gh, scratch, scratchRows, hist } = views(n, F, buffer, at);
  return {
    engine: 'js',
    threads: 1,
    close() {},
    bins,
    rows,
    gh,
    binColumn(f, col, upper) {
      for (let i = 0; i < n; i++) bins[f * n + i] = binOf(upper, col[i]!);
    },
    build(features, offsets, start, end, identity, out) {
      const used = offsets[offsets.length - 1]! * HIST_STRIDE;
      hist.fill(0, 0, used);
      const m = end - start;
      for (let i = 0; !identity && i < m; i++) {
        scratch[2 * i] = gh[2 * rows[start + i]!]!;
        scratch[2 * i + 1] = gh[2 * rows[start + i]! + 1]!;
      }
      const g = identity ? gh : scratch;
      for (const f of features) {
        const off = offsets[f]! * HIST_STRIDE;
        for (let i = 0; i < m; i++) {
          const o = off + bins[f * n + (identity ? i : rows[start + i]!)]! * HIST_STRIDE;
          hist[o] += g[2 * i]!;
          hist[o + 1] += g[2 * i + 1]!;
          hist[o + 2]! += 1;
        }
      }
      out.set(hist.subarray(0, used));
    },
    partition(f, goesLeft, start, end) {
      let l = start;
      let r = 0;
      for (let i = start; i < end; i++) {
        const row = rows[i]!;
        if (goesLeft[bins[f * n + row]!]) rows[l++] = row;
        else scratchRows[r++] = row;
      }
      rows.set(scratchRows.subarray(0, r), l);
      return l;
    },
  };
}
