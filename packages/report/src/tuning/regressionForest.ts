/** A seeded uniform [0, 1) generator (mulberry32): the same seed gives the same forest. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fitted regression tree as flat arrays: node k splits on feature[k] at threshold[k], or is a leaf (feature −1). */
export interface RegressionTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** Rows the bootstrap sample left out (the tree's out-of-bag rows). */
  outOfBag: Int32Array;
}

/** Forest settings; defaults are scikit-learn's RandomForestRegressor's where they apply (all features per split). */
export interface ForestOptions {
  trees: number;
  seed: number;
  maxDepth?: number;
  minLeaf?: number;
}

/** Columns of features (columns[j][i] = feature j of row i, finite) and the target per row. */
export interface ForestData {
  columns: Float64Array[];
  target: Float64Array;
}

/** Bagged regression trees (variance-reduction splits over every feature), for permutation importance. */
export function fitForest(data: ForestData, options: ForestOptions): RegressionTree[] {
  const random = seededRandom(options.seed);
  const n = data.target.length;
  const trees: RegressionTree[] = [];
  for (let t = 0; t < options.trees; t++) {
    const rows = new Int32Array(n);
    const inBag = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      rows[i] = Math.floor(random() * n);
      inBag[rows[i]!] = 1;
    }
    const outOfBag: number[] = [];
    for (let i = 0; i < n; i++) if (!inBag[i]) outOfBag.push(i);
    trees.push({ ...growTree(data, rows, options.maxDepth ?? 12, options.minLeaf ?? 2), outOfBag: Int32Array.from(outOfBag) });
  }
  return trees;
}

/** The tree's prediction for row i of `columns`. */
export function predictTree(tree: RegressionTree, columns: Float64Array[], i: number): number {
  let k = 0;
  while (tree.feature[k]! >= 0) k = columns[tree.feature[k]!]![i]! <= tree.threshold[k]! ? tree.left[k]! : tree.right[k]!;
  return tree.value[k]!;
}

function growTree(data: ForestData, rows: Int32Array, maxDepth: number, minLeaf: number): Omit<RegressionTree, 'outOfBag'> {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const y = data.target;
  const build = (idx: Int32Array, depth: number): number => {
    const node = feature.length;
    let sum = 0;
    for (const i of idx) sum += y[i]!;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(sum / idx.length);
    if (depth >= maxDepth || idx.length < 2 * minLeaf) return node;
    const split = bestSplit(data, idx, sum, minLeaf);
    if (!split) return node;
    const col = data.columns[split.feature]!;
    const l = idx.filter((i) => col[i]! <= split.threshold);
    const r = idx.filter((i) => col[i]! > split.threshold);
    feature[node] = split.feature;
    threshold[node] = split.threshold;
    left[node] = build(l, depth + 1);
    right[node] = build(r, depth + 1);
    return node;
  };
  build(rows, 0);
  return { feature: Int32Array.from(feature), threshold: Float64Array.from(threshold), left: Int32Array.from(left), right: Int32Array.from(right), value: Float64Array.from(value) };
}

// The split with the largest drop in squared error: per feature, rows sorted by value, one sweep.
function bestSplit(data: ForestData, idx: Int32Array, total: number, minLeaf: number): { feature: number; threshold: number } | undefined {
  const y = data.target;
  const n = idx.length;
  let bestScore = (total * total) / n + 1e-12 * Math.abs(total);
  let best: { feature: number; threshold: number } | undefined;
  for (let j = 0; j < data.columns.length; j++) {
    const col = data.columns[j]!;
    const sorted = Array.from(idx).sort((a, b) => col[a]! - col[b]!);
    let leftSum = 0;
    for (let k = 0; k < n - 1; k++) {
      leftSum += y[sorted[k]!]!;
      const here = col[sorted[k]!]!;
      const next = col[sorted[k + 1]!]!;
      if (here === next || k + 1 < minLeaf || n - k - 1 < minLeaf) continue;
      // Maximising Σ_left²/n_l + Σ_right²/n_r is minimising the children's squared error.
      const rightSum = total - leftSum;
      const score = (leftSum * leftSum) / (k + 1) + (rightSum * rightSum) / (n - k - 1);
      if (score > bestScore) {
        bestScore = score;
        best = { feature: j, threshold: (here + next) / 2 };
      }
    }
  }
  return best;
}
