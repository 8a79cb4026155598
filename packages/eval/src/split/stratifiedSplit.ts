import type { Frame } from '@mlops/frame';
import { mulberry32 } from '../random/mulberry32';
import { shuffleInPlace } from '../random/shuffleInPlace';
import { allocateTestRows } from './lib/allocateTestRows';
import { groupByClass } from './lib/groupByClass';
import { labelCodes } from './lib/labelCodes';
import { splitByMask } from './lib/splitByMask';
import { testSize } from './lib/testSize';
import type { Split } from './Split';

/** Options of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Share of rows in the test set; the test set has `ceil(testFraction × rows)` rows. */
  testFraction: number;
  /** Seed of the mulberry32 PRNG; the same seed gives the same split. Default 0. */
  seed?: number;
}

/**
 * Train/test split that keeps each class's share of rows: every class puts within one row of
 * `testFraction` of its rows in the test set (see `allocateTestRows`); which rows is random.
 * Indices ascending. The label must be a category, int32 or bool column without nulls.
 */
export function stratifiedSplit(frame: Frame, label: string, options: StratifiedSplitOptions): Split {
  const { codes, nClasses } = labelCodes(frame, label);
  const nTest = testSize(codes.length, options.testFraction);
  const groups = groupByClass(codes, nClasses);
  const perClass = allocateTestRows(Int32Array.from(groups, (g) => g.length), nTest);
  const random = mulberry32(options.seed ?? 0);
  const isTest = new Uint8Array(codes.length);
  groups.forEach((rows, c) => {
    shuffleInPlace(rows, random);
    for (let i = 0; i < perClass[c]!; i++) isTest[rows[i]!] = 1;
  });
  return splitByMask(isTest);
}
