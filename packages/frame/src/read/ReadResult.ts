import type { BadRow } from '../errors/BadRow';
import type { Frame } from '../frame/Frame';

/**
 * What the row-oriented text readers (`readCsv`, `readJsonl`) return: the frame of every good row,
 * and the rows that were dropped. With `onBadRow: 'fail'` (the default) `badRows` is always empty,
 * because any bad row makes the reader throw a BadRowsError instead.
 */
export interface ReadResult {
  readonly frame: Frame;
  readonly badRows: readonly BadRow[];
}

/** What to do with a malformed row: throw (listing the first ten) or drop it and report it. */
export type OnBadRow = 'fail' | 'skip';
