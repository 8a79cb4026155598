import { mulberry32 as createRng } from '@mlops/eval';
import { binOf, computeBinUpper, FLOAT32_MAX } from './binFeatures';
import { createTrainingKernel, HIST_STRIDE, type TrainingKernel } from './trainingKernel';

const n = 1000;
const F = 6;

/** Both engines over the same data: float32 columns (5% NaN, some ±Infinity), bounds, gradients. */
function setup(engine: 'wasm' | 'js'): { kernel: TrainingKernel; offsets: Int32Array; uppers: Float64Array[] } {
  const r = createRng(7);
  const kernel = createTrainingKernel(n, F, { engine });
  const offsets = new Int32Array(F + 1);
  const uppers: Float64Array[] = [];
  for (let f = 0; f < F; f++) {
    const col = Float32Array.from({ length: n }, () => (r() < 0.05 ? NaN : r() < 0.01 ? (r() < 0.5 ? Infinity : -Infinity) : Math.round(r() * 40 * (f + 1)) / 7));
    const upper = computeBinUpper(col.filter((v) => v === v).sort(), f === 0 ? 255 : 3 + f * 20);
    uppers.push(upper);
    offsets[f + 1] = offsets[f]! + upper.length + 1;
    kernel.binColumn(f, col, upper);
  }
  for (let i = 0; i < 2 * n; i++) kernel.gh[i] = r() - 0.3;
  for (let i = 0; i < n; i++) kernel.rows[i] = i;
  return { kernel, offsets, uppers };
}

describe('TrainingKernel', () => {
  const wasm = setup('wasm');
  const js = setup('js');

  it('runs on WebAssembly in Node', () => {
    expect(wasm.kernel.engine).toBe('wasm');
    expect(js.kernel.engine).toBe('js');
  });

  it('bins like binOf: NaN ⇒ 0, +Infinity ⇒ the last bin', () => {
    expect(Array.from(wasm.kernel.bins)).toEqual(Array.from(js.kernel.bins));
    const upper = Float64Array.of(-1, 0.5, 2, FLOAT32_MAX);
    const k = createTrainingKernel(7, 1);
    const col = Float32Array.of(NaN, -Infinity, -1, -0.99, 0.5, 3, Infinity);
    k.binColumn(0, col, upper);
    expect(Array.from(k.bins)).toEqual(Array.from(col, (v) => binOf(upper, v)));
    expect(Array.from(k.bins)).toEqual([0, 1, 1, 2, 2, 4, 4]);
  });

  it('builds identical histograms (root, gathered rows, a feature subset not a multiple of 4)', () => {
    const total = wasm.offsets[F]! * HIST_STRIDE;
    for (const [features, start, end, identity] of [
      [Int32Array.of(0, 1, 2, 3, 4, 5), 0, n, true],
      [Int32Array.of(5, 0, 3), 100, 700, false],
      [Int32Array.of(2), 999, 1000, false],
    ] as const) {
      const a = new Float64Array(total);
      const b = new Float64Array(total);
      wasm.kernel.build(features, wasm.offsets, start, end, identity, a);
      js.kernel.build(features, js.offsets, start, end, identity, b);
      expect(a).toEqual(b);
      // Every row lands in exactly one bin of each feature.
      const f = features[0]!;
      let count = 0;
      for (let o = wasm.offsets[f]!; o < wasm.offsets[f + 1]!; o++) count += a[o * HIST_STRIDE + 2]!;
      expect(count).toBe(end - start);
    }
  });

  it('partitions stably, left rows first', () => {
    const goesLeft = Uint8Array.from({ length: 256 }, (_, b) => (b === 0 || b > 3 ? 1 : 0));
    for (const { kernel } of [wasm, js]) for (let i = 0; i < n; i++) kernel.rows[i] = n - 1 - i;
    const mid = wasm.kernel.partition(2, goesLeft, 50, 950);
    expect(js.kernel.partition(2, goesLeft, 50, 950)).toBe(mid);
    expect(wasm.kernel.rows).toEqual(js.kernel.rows);
    const rows = Array.from(wasm.kernel.rows);
    const side = (row: number) => goesLeft[wasm.kernel.bins[2 * n + row]!];
    expect(rows.slice(50, mid).every((r) => side(r) === 1)).toBe(true);
    expect(rows.slice(mid, 950).every((r) => side(r) === 0)).toBe(true);
    const expected = Array.from({ length: 900 }, (_, i) => n - 1 - (50 + i));
    expect(rows.slice(50, 950)).toEqual([...expected.filter((r) => side(r) === 1), ...expected.filter((r) => side(r) === 0)]);
    expect(rows.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => n - 1 - i));
  });

  it('threads: 2 builds a large node half on a worker thread, the same sums up to rounding', () => {
    const rows = 40_000;
    const kernels = [createTrainingKernel(rows, 2), createTrainingKernel(rows, 2, { threads: 2 })];
    expect(kernels.map((k) => k.threads)).toEqual([1, 2]);
    const r = createRng(11);
    const bins = Uint8Array.from({ length: 2 * rows }, () => Math.floor(r() * 20));
    const gh = Float64Array.from({ length: 2 * rows }, () => r() - 0.5);
    const offsets = Int32Array.of(0, 20, 40);
    const outs = kernels.map((k) => {
      k.bins.set(bins);
      k.gh.set(gh);
      for (let i = 0; i < rows; i++) k.rows[i] = rows - 1 - i;
      const root = new Float64Array(40 * HIST_STRIDE);
      const node = new Float64Array(40 * HIST_STRIDE);
      k.build(Int32Array.of(0, 1), offsets, 0, rows, true, root);
      k.build(Int32Array.of(1), offsets, 1000, 39_000, false, node);
      k.close();
      return [root, node];
    });
    for (const part of [0, 1]) {
      const [one, two] = [outs[0]![part]!, outs[1]![part]!];
      for (let i = 0; i < one.length; i++) expect(two[i]).toBeCloseTo(one[i]!, 9);
    }
    expect(outs[1]![1]!.filter((_, i) => i % HIST_STRIDE === 2).reduce((a, b) => a + b, 0)).toBe(38_000);
  });
});
