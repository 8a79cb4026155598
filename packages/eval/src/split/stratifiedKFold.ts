import { assertClassIndices } from '../errors/assertArguments';
import { InvalidArgumentError } from '../errors/errors';
import { messages } from '../errors/messages';
import { mulberry32 } from '../random/mulberry32';
import { shuffleInPlace } from '../random/shuffleInPlace';
import { groupByClass } from './lib/groupByClass';
import { splitByMask } from './lib/splitByMask';
import type { Split } from './Split';

/** Options of {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /** Seed of the mulberry32 PRNG that shuffles rows within each class. Default 0. */
  seed?: number;
}

/**
 * `k` folds whose test sets keep class shares: rows of each class are shuffled, then dealt to the
 * folds in turn, continuing from one class to the next, so every fold holds within one row of
 * `count / k` of each class and fold sizes differ by at most one. `labels` are class indices
 * 0..C-1; every class needs at least `k` rows. Indices ascending.
 */
export function stratifiedKFold(labels: ArrayLike<number>, k: number, options: StratifiedKFoldOptions = {}): Split[] {
  const n = labels.length;
  if (!(Number.isInteger(k) && k >= 2 && k <= n)) throw new InvalidArgumentError(messages.foldCount(k, n));
  let nClasses = 0;
  for (let i = 0; i < n; i++) nClasses = Math.max(nClasses, labels[i]! + 1);
  assertClassIndices('labels', labels, nClasses);
  const groups = groupByClass(labels, nClasses);
  groups.forEach((rows, c) => {
    if (rows.length > 0 && rows.length < k) throw new InvalidArgumentError(messages.classTooSmall(k, c, rows.length));
  });
  const random = mulberry32(options.seed ?? 0);
  const foldOf = new Int32Array(n);
  let next = 0;
  for (const rows of groups) {
    shuffleInPlace(rows, random);
    for (const row of rows) foldOf[row] = next++ % k;
  }
  return Array.from({ length: k }, (_, f) => splitByMask(Uint8Array.from(foldOf, (x) => (x === f ? 1 : 0))));
}
