import { assertIntegerAtLeast } from '../errors/assertArguments';
import { InvalidArgumentError } from '../errors/errors';
import { messages } from '../errors/messages';
import { mulberry32 } from '../random/mulberry32';
import { shuffleInPlace } from '../random/shuffleInPlace';
import { splitByMask } from './lib/splitByMask';
import type { Split } from './Split';

/** Options of {@link kFold}. */
export interface KFoldOptions {
  /** Shuffle rows before cutting folds (default false: folds are consecutive blocks, as sklearn's KFold). */
  shuffle?: boolean;
  /** Seed of the mulberry32 PRNG used when shuffling. Default 0. */
  seed?: number;
}

/**
 * `k` folds over `n` rows: the first `n % k` folds hold `floor(n / k) + 1` test rows, the others
 * `floor(n / k)` (sklearn's KFold sizes); every row is in exactly one test set. Indices ascending.
 */
export function kFold(n: number, k: number, options: KFoldOptions = {}): Split[] {
  assertIntegerAtLeast('n', n, 0);
  if (!(Number.isInteger(k) && k >= 2 && k <= n)) throw new InvalidArgumentError(messages.foldCount(k, n));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (options.shuffle) shuffleInPlace(order, mulberry32(options.seed ?? 0));
  const folds: Split[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const isTest = new Uint8Array(n);
    for (let i = start; i < start + size; i++) isTest[order[i]!] = 1;
    folds.push(splitByMask(isTest));
    start += size;
  }
  return folds;
}
