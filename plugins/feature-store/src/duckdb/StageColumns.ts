import type { FeatureScalar } from '@mlops/core';
import type { Column } from '@mlops/frame';
import type { FeatureType, FeatureView } from '../definitions/types';
import { FeatureStoreUsageError } from '../errors';
import type { AppendColumn } from './appendColumns';

/** One feature's staged values: float → DOUBLE, int/bool/string (dictionary code) → INTEGER. */
interface FeatureBuffer {
  name: string;
  type: FeatureType;
  data: Float64Array | Int32Array;
  nulls: Uint8Array;
  /** For strings: text → code. */
  dictionary?: Map<string, number>;
}

/**
 * A view's source rows in source order, encoded for a fast as-of join: the join keys (compared as
 * text) become one code per distinct key tuple (-1: a null key, never matched), string features
 * dictionary codes, booleans 0/1, null times NaN. Row `i` is source row `i` (`_row`, the tie-break).
 * Whole columns of the types the CSV reader produces take a typed fast path; anything else goes
 * cell by cell through the same conversions.
 */
export class StageColumns {
  readonly keyCodes = new Map<string, number>();
  readonly keyTexts: string[][] = [];
  readonly keys: Int32Array;
  readonly ts: Float64Array;
  readonly features: FeatureBuffer[];

  constructor(
    private readonly view: FeatureView,
    readonly rowCount: number,
  ) {
    this.keys = new Int32Array(rowCount).fill(-1);
    this.ts = new Float64Array(rowCount).fill(NaN);
    this.features = Object.entries(view.features).map(([name, type]) => ({
      name,
      type,
      data: type === 'float' ? new Float64Array(rowCount) : new Int32Array(rowCount),
      nulls: new Uint8Array(rowCount).fill(1),
      dictionary: type === 'string' ? new Map<string, number>() : undefined,
    }));
  }

  /** The code of a key tuple, added when new. */
  keyCode(texts: readonly string[]): number {
    const id = texts.length === 1 ? texts[0]! : JSON.stringify(texts);
    let code = this.keyCodes.get(id);
    if (code === undefined) {
      this.keyCodes.set(id, (code = this.keyTexts.length));
      this.keyTexts.push([...texts]);
    }
    return code;
  }

  /** A single-key category column: each dictionary entry is coded once, then rows copy codes. */
  setKeyCategoryColumn(column: Column & { dtype: 'category' }): void {
    const codes = column.dictionary.map((text) => this.keyCode([text]));
    for (let i = 0; i < this.rowCount; i++) {
      const d = column.data[i]!;
      if (d >= 0 && column.nulls?.[i] !== 1) this.keys[i] = codes[d]!;
    }
  }

  /** Feature `j` from a whole column whose dtype is the one the CSV reader gives the feature type; false if it is not. */
  setFeatureColumn(j: number, column: Column): boolean {
    const f = this.features[j]!;
    const valid = (i: number) => column.nulls?.[i] !== 1;
    if (f.type === 'float' && column.dtype === 'float64') {
      for (let i = 0; i < this.rowCount; i++) if (valid(i) && !Number.isNaN(column.data[i]!)) ((f.data[i] = column.data[i]!), (f.nulls[i] = 0));
      return true;
    }
    if ((f.type === 'int' && column.dtype === 'int32') || (f.type === 'bool' && column.dtype === 'bool')) {
      for (let i = 0; i < this.rowCount; i++) if (valid(i)) ((f.data[i] = column.data[i]!), (f.nulls[i] = 0));
      return true;
    }
    if (f.type === 'string' && column.dtype === 'category') {
      const codes = column.dictionary.map((text) => this.stringCode(f, text));
      for (let i = 0; i < this.rowCount; i++) if (valid(i) && column.data[i]! >= 0) ((f.data[i] = codes[column.data[i]!]!), (f.nulls[i] = 0));
      return true;
    }
    return false;
  }

  /** Feature `j` of row `i` from a scalar (a cell function's or an SQL driver's value). */
  setFeature(i: number, j: number, value: FeatureScalar): void {
    if (value === null) return;
    const f = this.features[j]!;
    let v: number;
    switch (f.type) {
      case 'float':
        v = Number(value);
        if (Number.isNaN(v)) return;
        break;
      case 'int':
        v = Number(value);
        if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) this.bad(f, value);
        break;
      case 'bool':
        v = value === true || value === 1 ? 1 : value === false || value === 0 ? 0 : this.bad(f, value);
        break;
      case 'string':
        v = this.stringCode(f, String(value));
        break;
    }
    f.data[i] = v;
    f.nulls[i] = 0;
  }

  /** The columns DuckDB gets: k, _ts, _row. Feature values stay here, read by `_row` after the join (late materialization). */
  appendColumns(): AppendColumn[] {
    const rows = new Int32Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) rows[i] = i;
    return [
      { kind: 'integer', data: this.keys },
      { kind: 'double', data: this.ts },
      { kind: 'integer', data: rows },
    ];
  }

  /** Feature `name` of source row `row` as a scalar (null when null). */
  value(name: string, row: number): FeatureScalar {
    const f = this.features.find((b) => b.name === name)!;
    if (f.nulls[row] === 1) return null;
    const v = f.data[row]!;
    return f.type === 'bool' ? v === 1 : f.type === 'string' ? this.dictionary(name)[v]! : v;
  }

  /** Feature `name`'s buffer: typed values by source row, null mask, and (strings) values by code. */
  buffer(name: string): { type: FeatureType; data: Float64Array | Int32Array; nulls: Uint8Array; dictionary: string[] } {
    const f = this.features.find((b) => b.name === name)!;
    return { type: f.type, data: f.data, nulls: f.nulls, dictionary: this.dictionary(name) };
  }

  private dictionary(name: string): string[] {
    let values = this.dictionaryCache.get(name);
    if (!values) this.dictionaryCache.set(name, (values = [...(this.features.find((b) => b.name === name)!.dictionary?.keys() ?? [])]));
    return values;
  }

  private readonly dictionaryCache = new Map<string, string[]>();

  private stringCode(f: FeatureBuffer, text: string): number {
    let code = f.dictionary!.get(text);
    if (code === undefined) f.dictionary!.set(text, (code = f.dictionary!.size));
    return code;
  }

  private bad(f: FeatureBuffer, value: FeatureScalar): never {
    throw new FeatureStoreUsageError(`feature view "${this.view.name}": feature "${f.name}": expected a ${f.type} value, received ${JSON.stringify(value)}`);
  }
}
