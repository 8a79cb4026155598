import type { FeatureView } from '../definitions/types';

/** A view's source as staged in DuckDB, and the dictionaries that decode it. */
export interface StagedView {
  view: FeatureView;
  /** Table of (k, _ts, _row, features…), one row per (key, time). */
  table: string;
  /** Table of (k, join key texts…). */
  keyTable: string;
  /** What the source looked like when staged (file size and mtime, or SQL row count and time range). */
  signature: string;
  /** Key text (JSON array of texts for several keys) → code. */
  keyCodes: Map<string, number>;
  /** String feature → its values by code. */
  dictionaries: Map<string, string[]>;
}

/** The code of an entity's key texts, or undefined when the source never had that entity. */
export function keyCodeOf(staged: StagedView, keys: readonly string[]): number | undefined {
  return staged.keyCodes.get(keys.length === 1 ? keys[0]! : JSON.stringify(keys));
}
