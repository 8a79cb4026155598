import type { Tree } from './Tree';

const BLOCK = 512;

/** All trees flattened into typed arrays with absolute child ids (fast, monomorphic prediction). */
export interface CompiledTrees {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** The child a missing value goes to. */
  missing: Int32Array;
  value: Float64Array;
}

/** Flattens trees once per model. */
export function compileTrees(trees: readonly Tree[]): CompiledTrees {
  const total = trees.reduce((a, t) => a + t.feature.length, 0);
  const c: CompiledTrees = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    missing: new Int32Array(total),
    value: new Float64Array(total),
  };
  let base = 0;
  trees.forEach((t, ti) => {
    c.roots[ti] = base;
    for (let j = 0; j < t.feature.length; j++) {
      const id = base + j;
      c.feature[id] = t.feature[j]!;
      c.threshold[id] = t.threshold[j]!;
      c.left[id] = base + t.left[j]!;
      c.right[id] = base + t.right[j]!;
      c.missing[id] = t.defaultLeft[j] ? c.left[id]! : c.right[id]!;
      c.value[id] = t.value[j]!;
    }
    base += t.feature.length;
  });
  return c;
}

/** Float32 feature columns as one row-major matrix `rows × F` (a row's features share cache lines). */
export function toRowMajor(cols: readonly Float32Array[]): Float32Array {
  const F = cols.length;
  const n = cols[0]?.length ?? 0;
  const x = new Float32Array(n * F);
  for (let f = 0; f < F; f++) {
    const col = cols[f]!;
    for (let i = 0; i < n; i++) x[i * F + f] = col[i]!;
  }
  return x;
}

/**
 * Adds every tree's output to row-major margins (`outputs` per row; tree `t` feeds output
 * `t % outputs`). Rows go in blocks so a block's features stay in cache while all trees walk it.
 */
export function predictMargins(trees: CompiledTrees, x: Float32Array, F: number, margin: Float64Array, outputs: number): void {
  const { roots, feature, threshold, left, right, missing, value } = trees;
  const n = F ? x.length / F : 0;
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t]!;
      const k = t % outputs;
      for (let i = start; i < end; i++) {
        const row = i * F;
        let node = root;
        let f = feature[node]!;
        while (f >= 0) {
          const v = x[row + f]!;
          node = v <= threshold[node]! ? left[node]! : v !== v ? missing[node]! : right[node]!;
          f = feature[node]!;
        }
        margin[i * outputs + k] += value[node]!;
      }
    }
  }
}
