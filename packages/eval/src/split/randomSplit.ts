import type { Frame } from '@mlops/frame';
import { mulberry32 } from '../random/mulberry32';
import { shuffleInPlace } from '../random/shuffleInPlace';
import { splitByMask } from './lib/splitByMask';
import { testSize } from './lib/testSize';
import type { Split } from './Split';

/** Options of {@link randomSplit}. */
export interface RandomSplitOptions {
  /** Share of rows in the test set; the test set has `ceil(testFraction × rows)` rows. */
  testFraction: number;
  /** Seed of the mulberry32 PRNG; the same seed gives the same split. Default 0. */
  seed?: number;
}

/** Uniformly random train/test split of a frame's rows (or of `n` rows); indices ascending. */
export function randomSplit(frame: Frame | number, options: RandomSplitOptions): Split {
  const n = typeof frame === 'number' ? frame : frame.rowCount;
  const nTest = testSize(n, options.testFraction);
  const order = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), mulberry32(options.seed ?? 0));
  const isTest = new Uint8Array(n);
  for (let i = 0; i < nTest; i++) isTest[order[i]!] = 1;
  return splitByMask(isTest);
}
