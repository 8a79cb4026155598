import type { GrownTree } from './growTree';
import type { Tree } from './Tree';

/**
 * Adds one tree's outputs to column `k` of row-major margins (`outputs` columns), reading float32
 * feature columns; NaN takes the split's default direction.
 */
export function addTreeMargins(tree: Tree, cols: readonly Float32Array[], margin: Float64Array, k: number, outputs: number): void {
  const { feature, threshold, left, right, defaultLeft, value } = tree;
  const n = cols[0]?.length ?? 0;
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const x = cols[f]![i]!;
      node = x <= threshold[node]! ? left[node]! : x !== x && defaultLeft[node] ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    margin[i * outputs + k] += value[node]!;
  }
}

/** Same as `addTreeMargins` on the training bins (bin 0 = missing); used while training. */
export function addTreeMarginsBinned(tree: Tree, splitBin: readonly number[], bins: Uint8Array, n: number, margin: Float64Array, k: number, outputs: number): void {
  const { feature, left, right, defaultLeft, value } = tree;
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const b = bins[f * n + i]!;
      node = (b === 0 ? defaultLeft[node] : b <= splitBin[node]!) ? left[node]! : right[node]!;
      f = feature[node]!;
    }
    margin[i * outputs + k] += value[node]!;
  }
}

/** Adds each leaf's value to the rows it owns after growing (`rows[start, end)` per leaf): no tree walk. */
export function addLeafValues(grown: GrownTree, rows: Int32Array, margin: Float64Array, k: number, outputs: number): void {
  const { leafRows } = grown;
  for (let l = 0; l < leafRows.length; l += 3) {
    const v = grown.tree.value[leafRows[l]!]!;
    for (let i = leafRows[l + 1]!; i < leafRows[l + 2]!; i++) margin[rows[i]! * outputs + k] += v;
  }
}

/** Writes each row's leaf number (in `leafRows` order) into `leafOf` and returns the leaves' values. */
export function labelLeaves(grown: GrownTree, rows: Int32Array, leafOf: Int32Array): Float64Array {
  const { leafRows } = grown;
  const values = new Float64Array(leafRows.length / 3);
  for (let l = 0; l < values.length; l++) {
    values[l] = grown.tree.value[leafRows[3 * l]!]!;
    for (let i = leafRows[3 * l + 1]!; i < leafRows[3 * l + 2]!; i++) leafOf[rows[i]!] = l;
  }
  return values;
}
