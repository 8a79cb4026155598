import { fitForest, predictTree, seededRandom, type ForestData } from './regressionForest';

/** What {@link permutationImportance} returns: one non-negative share per feature, summing to 1 (or all 0). */
export interface ImportanceResult {
  importances: number[];
  trees: number;
}

/**
 * Permutation importance on a random forest: fit bagged regression trees on the trials, then for each
 * tree and feature shuffle that feature among the tree's out-of-bag rows and measure how much the
 * squared error grows. The mean growth per feature, clipped at 0 and normalised to sum to 1, is its
 * importance (a feature the objective ignores gets about 0). Chosen over fANOVA because it needs no
 * bounded box per parameter (the trials do not carry their distributions) and handles categorical
 * and absent (conditional) parameters as plain split values.
 */
export function permutationImportance(data: ForestData, options: { trees: number; seed: number }): ImportanceResult {
  const d = data.columns.length;
  const sums = new Float64Array(d);
  if (data.target.length < 4 || d === 0) return { importances: Array.from(sums), trees: 0 };
  const trees = fitForest(data, { trees: options.trees, seed: options.seed });
  const random = seededRandom(options.seed ^ 0x9e3779b9);
  for (const tree of trees) {
    const oob = tree.outOfBag;
    if (oob.length < 2) continue;
    const base = squaredError(tree, data, oob, -1, oob);
    for (let j = 0; j < d; j++) {
      const shuffled = Int32Array.from(oob);
      for (let i = shuffled.length - 1; i > 0; i--) {
        const k = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[k]] = [shuffled[k]!, shuffled[i]!];
      }
      sums[j]! += squaredError(tree, data, oob, j, shuffled) - base;
    }
  }
  const clipped = Array.from(sums, (s) => Math.max(0, s));
  const total = clipped.reduce((a, b) => a + b, 0);
  return { importances: clipped.map((s) => (total > 0 ? s / total : 0)), trees: trees.length };
}

// Mean squared error on `rows`, with feature `permuted` read from the row at the same place in `source`.
function squaredError(tree: ReturnType<typeof fitForest>[number], data: ForestData, rows: Int32Array, permuted: number, source: Int32Array): number {
  const columns = data.columns;
  const saved = permuted >= 0 ? Float64Array.from(rows, (i) => columns[permuted]![i]!) : undefined;
  const values = permuted >= 0 ? Float64Array.from(source, (i) => columns[permuted]![i]!) : undefined;
  let err = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    if (values) columns[permuted]![i] = values[k]!;
    const diff = predictTree(tree, columns, i) - data.target[i]!;
    err += diff * diff;
  }
  if (saved) rows.forEach((i, k) => (columns[permuted]![i] = saved[k]!));
  return err / rows.length;
}
