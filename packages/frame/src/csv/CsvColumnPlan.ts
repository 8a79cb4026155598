import type { DType } from '../column/Column';
import { NullTokens } from '../text/NullTokens';

/** How one CSV column is parsed: its dtype, whether that was inferred (so may widen), its nulls. */
export interface CsvColumnPlan {
  readonly name: string;
  readonly dtype: DType;
  readonly inferred: boolean;
  readonly nulls: NullTokens;
}

/** Signal thrown mid-read when an inferred column must become a category: the read restarts. */
export class WidenToCategory {
  constructor(readonly column: number) {}
}
