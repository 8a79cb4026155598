import type { Column } from '@mlops/frame';
import type { FeatureView } from '../definitions/types';
import { keyText } from '../lib/cells';
import type { StageColumns } from './StageColumns';
import type { StagedIndex } from './StagedIndex';

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
  /** Key code by integer value when the keys are small plain integers (see `denseIntCodes`). */
  intKeyCodes: Int32Array | undefined;
  /** The source's rows: feature values by `_row`. */
  columns: StageColumns;
  /** `table`'s (key, time) order, for point-in-time lookups. */
  index: StagedIndex;
}

/**
 * The staged key code of each entity row, -1 where the source never had the entity (or a key is
 * null). Keys compare as text; a single category key is looked up once per dictionary entry and a
 * single int32 key once per distinct number, instead of once per row.
 */
export function entityKeyCodes(staged: StagedView, keyCols: readonly Column[], n: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  const col = keyCols[0]!;
  if (keyCols.length === 1 && col.dtype === 'category') {
    const codes = col.dictionary.map((text) => staged.keyCodes.get(text) ?? -1);
    for (let i = 0; i < n; i++) if (col.nulls?.[i] !== 1 && col.data[i]! >= 0) out[i] = codes[col.data[i]!]!;
    return out;
  }
  const dense = staged.intKeyCodes;
  if (keyCols.length === 1 && col.dtype === 'int32' && dense) {
    // The table covers every staged key that is a plain non-negative integer; others are looked up as text.
    for (let i = 0; i < n; i++) {
      if (col.nulls?.[i] === 1) continue;
      const v = col.data[i]!;
      out[i] = v >= 0 && v < dense.length ? dense[v]! : (staged.keyCodes.get(String(v)) ?? -1);
    }
    return out;
  }
  if (keyCols.length === 1 && col.dtype === 'int32') {
    const byNumber = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (col.nulls?.[i] === 1) continue;
      const v = col.data[i]!;
      let code = byNumber.get(v);
      if (code === undefined) byNumber.set(v, (code = staged.keyCodes.get(String(v)) ?? -1));
      out[i] = code;
    }
    return out;
  }
  const texts: string[] = new Array(keyCols.length);
  rows: for (let i = 0; i < n; i++) {
    for (let j = 0; j < keyCols.length; j++) {
      const text = keyText(keyCols[j]!, i);
      if (text === null) continue rows;
      texts[j] = text;
    }
    out[i] = staged.keyCodes.get(texts.length === 1 ? texts[0]! : JSON.stringify(texts)) ?? -1;
  }
  return out;
}
