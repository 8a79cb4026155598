import type { Column, DType } from '../column/Column';
import { BoolBuilder } from '../build/BoolBuilder';
import { CategoryBuilder } from '../build/CategoryBuilder';
import { Float64Builder } from '../build/Float64Builder';
import { Int32Builder } from '../build/Int32Builder';
import { timestampColumn } from '../column/createColumn';
import { parseIsoBytes } from '../text/parseTimestampBytes';

type Builder = Float64Builder | Int32Builder | BoolBuilder | CategoryBuilder;
const state = { ok: true, end: 0 };

/**
 * One column of a JSON Lines read. A schema column (`fixed`) only takes values of its dtype (see
 * `accepts`). An inferred column starts from its first non-null value (integer → int32, other
 * number → float64, boolean → bool, string/object → category) and widens instead of failing:
 * int32 → float64 exactly; any other conflict → category, keeping earlier values as text
 * (numbers via `String`, booleans as `true`/`false`). At the end an inferred category column whose
 * every distinct value is an ISO-8601 date/time becomes a timestamp column.
 */
export class JsonColumn {
  private kind: DType | undefined;
  private builder: Builder | undefined;
  private pendingNulls: number;

  constructor(
    readonly name: string,
    private readonly fixed: DType | undefined,
    nullsBefore: number,
  ) {
    this.kind = fixed;
    this.pendingNulls = nullsBefore;
    if (fixed) this.builder = create(fixed, nullsBefore);
  }

  /** True when a schema column can store `value` (inferred columns take anything). */
  accepts(value: unknown): boolean {
    if (value === null || this.fixed === undefined) return true;
    switch (this.fixed) {
      case 'float64':
        return typeof value === 'number';
      case 'int32':
        return isInt32(value);
      case 'bool':
        return typeof value === 'boolean';
      case 'category':
        return true;
      case 'timestamp':
        return typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(toEpochMs(value)));
    }
  }

  push(value: unknown): void {
    if (value === null) return this.pushNull();
    if (this.fixed === undefined) this.adapt(value);
    const b = this.builder!;
    if (b instanceof CategoryBuilder) b.pushString(typeof value === 'string' ? value : text(value));
    else if (b instanceof BoolBuilder) b.push(value === true);
    else if (b instanceof Int32Builder) b.push(value as number);
    else b.push(this.kind === 'timestamp' && typeof value === 'string' ? toEpochMs(value) : (value as number));
  }

  pushNull(): void {
    if (this.builder === undefined) this.pendingNulls++;
    else this.builder.pushNull();
  }

  finish(): Column {
    const b = this.builder;
    if (b === undefined) {
      const empty = new Float64Builder(this.pendingNulls);
      for (let i = 0; i < this.pendingNulls; i++) empty.pushNull();
      return empty.finishFloat64();
    }
    if (b instanceof Float64Builder) return this.kind === 'timestamp' ? b.finishTimestamp() : b.finishFloat64();
    if (!(b instanceof CategoryBuilder)) return b.finish();
    const column = b.finish();
    if (this.fixed !== undefined || column.dictionary.length === 0) return column;
    const times = column.dictionary.map(toEpochMs);
    if (times.some((t) => t !== t)) return column;
    return timestampColumn(Float64Array.from(column.data, (code) => (code < 0 ? NaN : times[code])), column.nulls);
  }

  /** Picks or widens the inferred builder so it can hold `value`. */
  private adapt(value: unknown): void {
    const wanted = valueKind(value);
    if (this.builder === undefined) {
      this.kind = wanted;
      this.builder = create(wanted, this.pendingNulls);
      return;
    }
    if (wanted === this.kind || this.kind === 'category') return;
    if (this.kind === 'float64' && wanted === 'int32') return;
    if (this.kind === 'int32' && wanted === 'float64') {
      this.builder = (this.builder as Int32Builder).toFloat64();
      this.kind = 'float64';
      return;
    }
    this.builder = toCategory(this.builder);
    this.kind = 'category';
  }
}

function valueKind(value: unknown): DType {
  if (typeof value === 'number') return isInt32(value) ? 'int32' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'category';
}

function isInt32(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0);
}

function create(dtype: DType, nulls: number): Builder {
  const b: Builder =
    dtype === 'int32' ? new Int32Builder() : dtype === 'bool' ? new BoolBuilder() : dtype === 'category' ? new CategoryBuilder() : new Float64Builder();
  for (let i = 0; i < nulls; i++) b.pushNull();
  return b;
}

function toCategory(b: Builder): CategoryBuilder {
  const out = new CategoryBuilder(b.length);
  for (let i = 0; i < b.length; i++) {
    if (b.isNull(i)) out.pushNull();
    else if (b instanceof BoolBuilder) out.pushString(b.data[i] === 1 ? 'true' : 'false');
    else out.pushString(String((b as Float64Builder | Int32Builder).data[i]));
  }
  return out;
}

function text(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function toEpochMs(value: string): number {
  const bytes = Buffer.from(value, 'latin1');
  const ms = parseIsoBytes(bytes, 0, bytes.length, state);
  return state.ok ? ms : NaN;
}
