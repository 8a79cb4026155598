import type { FeatureScalar } from '@mlops/core';
import type { FeatureView } from '../definitions/types';

/** One entity's latest value in a materialization window. */
export interface LatestRow {
  /** The join key values as text, in the view's key order. */
  keys: string[];
  eventTimestamp: number;
  values: Record<string, FeatureScalar>;
}

/**
 * The latest row per entity with event time in `[start, end)` (ties: the row later in the source),
 * read in key order: what materialization copies online. Each offline engine provides one.
 */
export interface WindowLatest {
  /** Entities with a value in the window; with `upTo`, only those whose keys are `<= upTo`. */
  count(upTo: readonly string[] | null): Promise<number>;
  /** The next `limit` entities after the cursor `after` (null: from the first), in key order. */
  next(after: readonly string[] | null, limit: number): Promise<LatestRow[]>;
  close(): Promise<void>;
}

/** Opens the window's latest rows of one (staged) view. */
export type OpenWindowLatest = (view: FeatureView, start: number, end: number) => Promise<WindowLatest>;
