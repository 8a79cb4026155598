import { sampleIndices } from './sampleIndices';
import { sortFloat32 } from './sortFloat32';

/** Largest float32: the threshold of the last bin, so every finite value falls in some bin (JSON has no Infinity). */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Features cut into bins: bin 0 holds missing values, bin k ≥ 1 the values `≤ upper[f][k-1]`. */
export interface BinnedFeatures {
  /** Column-major bin codes: `bins[f * rows + i]`. */
  bins: Uint8Array;
  rows: number;
  /** Per feature, the (float32-exact) upper bound of each value bin, ascending; the last is FLOAT32_MAX. */
  upper: Float64Array[];
  /** Offset of each feature's bins in a histogram; `offsets[F]` = total bins. */
  offsets: Int32Array;
}

/** Sorted non-missing values of a sample of the column. */
function sortedSample(col: Float32Array, sample: Int32Array | undefined): Float32Array {
  const n = sample ? sample.length : col.length;
  const out = new Float32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = col[sample ? sample[i]! : i]!;
    if (v === v) out[m++] = v;
  }
  return sortFloat32(out.subarray(0, m));
}

/**
 * Bin upper bounds: midpoints between distinct values when there are few enough, else quantiles
 * of the sample. Bounds are float32 so a threshold on them means the same in ONNX.
 */
export function computeBinUpper(sorted: Float32Array, maxBins: number): Float64Array {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const upper: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) {
      const mid = Math.fround((distinct[i]! + distinct[i + 1]!) / 2);
      // Rounding to float32 may land on the next value, which must stay in the next bin.
      upper.push(mid < distinct[i + 1]! ? mid : distinct[i]!);
    }
  } else {
    for (let q = 1; q < maxBins; q++) {
      const v = sorted[Math.floor((q * sorted.length) / maxBins)]!;
      if (!upper.length || v > upper[upper.length - 1]!) upper.push(v);
    }
  }
  upper.push(FLOAT32_MAX);
  return Float64Array.from(upper);
}

/** Bin of one float32 value (binary search); NaN ⇒ 0. */
export function binOf(upper: Float64Array, v: number): number {
  if (v !== v) return 0;
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= upper[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

/** Where binned columns go: the kernel's memory and its binning loop (see TrainingKernel). */
export interface BinWriter {
  readonly bins: Uint8Array;
  binColumn(f: number, col: Float32Array, upper: Float64Array): void;
}

/** Bins every feature column through `out`, with edges from a seeded sample of `sampleSize` rows. */
export function binFeatures(cols: readonly Float32Array[], maxBins: number, sampleSize: number, rng: () => number, out: BinWriter): BinnedFeatures {
  const rows = cols[0]?.length ?? 0;
  const sample = rows > sampleSize ? sampleIndices(rows, sampleSize, rng) : undefined;
  const upper: Float64Array[] = [];
  const offsets = new Int32Array(cols.length + 1);
  cols.forEach((col, f) => {
    const u = computeBinUpper(sortedSample(col, sample), maxBins);
    upper.push(u);
    offsets[f + 1] = offsets[f]! + u.length + 1;
    out.binColumn(f, col, u);
  });
  return { bins: out.bins, rows, upper, offsets };
}
