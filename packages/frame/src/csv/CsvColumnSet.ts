import type { Column } from '../column/Column';
import { BoolBuilder } from '../build/BoolBuilder';
import { CategoryBuilder } from '../build/CategoryBuilder';
import { Float64Builder } from '../build/Float64Builder';
import { Int32Builder } from '../build/Int32Builder';
import { parseBoolBytes } from '../text/parseBoolBytes';
import { parseFloatBytes, type ParseState } from '../text/parseFloatBytes';
import { parseInt32Bytes } from '../text/parseInt32Bytes';
import { parseIsoBytes } from '../text/parseTimestampBytes';
import type { NullTokens } from '../text/NullTokens';
import { FIELD_ESCAPED, FIELD_QUOTED, unescapeQuoted, type CsvScanner } from './CsvScanner';
import { WidenToCategory, type CsvColumnPlan } from './CsvColumnPlan';

const F64 = 0;
const I32 = 1;
const BOOL = 2;
const CAT = 3;
const TS = 4;
const kindOf = { float64: F64, int32: I32, bool: BOOL, category: CAT, timestamp: TS } as const;

/**
 * The builders of every column of one CSV read, and the per-record conversion from field bytes.
 * Builders live in one array per kind (not one array of mixed classes) so each `push` call site
 * only ever sees one class and V8 keeps it monomorphic: this is the innermost loop of `readCsv`.
 */
export class CsvColumnSet {
  private readonly kinds: Uint8Array;
  private readonly f64: (Float64Builder | undefined)[] = [];
  private readonly i32: (Int32Builder | undefined)[] = [];
  private readonly bool: (BoolBuilder | undefined)[] = [];
  private readonly cat: (CategoryBuilder | undefined)[] = [];
  private readonly nulls: NullTokens[];
  private readonly inferred: boolean[];
  private readonly state: ParseState = { ok: true };
  private scratch = new Uint8Array(256);

  constructor(
    private readonly plans: readonly CsvColumnPlan[],
    capacity: number,
    private readonly epochScale: number,
  ) {
    this.kinds = Uint8Array.from(plans, (p) => kindOf[p.dtype]);
    this.nulls = plans.map((p) => p.nulls);
    this.inferred = plans.map((p) => p.inferred);
    plans.forEach((_plan, c) => {
      const kind = this.kinds[c];
      this.f64[c] = kind === F64 || kind === TS ? new Float64Builder(capacity) : undefined;
      this.i32[c] = kind === I32 ? new Int32Builder(capacity) : undefined;
      this.bool[c] = kind === BOOL ? new BoolBuilder(capacity) : undefined;
      this.cat[c] = kind === CAT ? new CategoryBuilder(capacity) : undefined;
    });
  }

  /**
   * Appends the scanner's current record. Returns -1, or the index of the first column whose
   * field does not parse (the caller then rolls back with `truncate`). Throws WidenToCategory when
   * an inferred column meets a value only a category can hold.
   */
  append(buf: Uint8Array, scanner: CsvScanner): number {
    const { starts, ends, flags } = scanner;
    const state = this.state;
    const n = this.kinds.length;
    for (let c = 0; c < n; c++) {
      const s = starts[c];
      const e = ends[c];
      switch (this.kinds[c]) {
        case F64: {
          const b = this.f64[c]!;
          if (this.nulls[c].matches(buf, s, e)) {
            b.pushNull();
            break;
          }
          const v = parseFloatBytes(buf, s, e, state);
          if (!state.ok) return this.reject(c);
          b.push(v);
          break;
        }
        case I32: {
          const b = this.i32[c]!;
          if (this.nulls[c].matches(buf, s, e)) {
            b.pushNull();
            break;
          }
          const v = parseInt32Bytes(buf, s, e, state);
          if (state.ok) b.push(v);
          else if (!this.inferred[c]) return c;
          else this.widenToFloat(c, buf, s, e);
          break;
        }
        case TS: {
          const b = this.f64[c]!;
          if (this.nulls[c].matches(buf, s, e)) {
            b.pushNull();
            break;
          }
          let v = parseIsoBytes(buf, s, e, state);
          if (!state.ok && !this.inferred[c]) v = parseFloatBytes(buf, s, e, state) * this.epochScale;
          if (!state.ok) return this.reject(c);
          b.push(v);
          break;
        }
        case BOOL: {
          const b = this.bool[c]!;
          if (this.nulls[c].matches(buf, s, e)) {
            b.pushNull();
            break;
          }
          const v = parseBoolBytes(buf, s, e, !this.inferred[c], state);
          if (!state.ok) return this.reject(c);
          b.push(v === 1);
          break;
        }
        case CAT: {
          const b = this.cat[c]!;
          const f = flags[c];
          // A quoted cell is always literal text: `""` is the empty string, `"NA"` the string NA.
          if ((f & FIELD_QUOTED) === 0 && this.nulls[c].matches(buf, s, e)) b.pushNull();
          else if ((f & FIELD_ESCAPED) === 0) b.pushBytes(buf, s, e);
          else {
            if (this.scratch.length < e - s) this.scratch = new Uint8Array(2 * (e - s));
            b.pushBytes(this.scratch, 0, unescapeQuoted(buf, s, e, this.scratch));
          }
          break;
        }
      }
    }
    return -1;
  }

  /** Rolls every column back to `rowCount` rows (a bad record was half appended). */
  truncate(rowCount: number): void {
    for (let c = 0; c < this.kinds.length; c++) {
      this.f64[c]?.truncate(rowCount);
      this.i32[c]?.truncate(rowCount);
      this.bool[c]?.truncate(rowCount);
      this.cat[c]?.truncate(rowCount);
    }
  }

  /** The finished columns, by name. */
  finish(): Record<string, Column> {
    const out: Record<string, Column> = {};
    this.plans.forEach((plan, c) => {
      const kind = this.kinds[c];
      if (kind === F64) out[plan.name] = this.f64[c]!.finishFloat64();
      else if (kind === TS) out[plan.name] = this.f64[c]!.finishTimestamp();
      else if (kind === I32) out[plan.name] = this.i32[c]!.finish();
      else if (kind === BOOL) out[plan.name] = this.bool[c]!.finish();
      else out[plan.name] = this.cat[c]!.finish();
    });
    return out;
  }

  /** Current dtype of column `c` (int32 columns may have widened to float64). */
  dtypeOf(c: number): CsvColumnPlan['dtype'] {
    return (['float64', 'int32', 'bool', 'category', 'timestamp'] as const)[this.kinds[c]];
  }

  /** A value did not parse: a bad row for a schema column, a restart for an inferred one. */
  private reject(c: number): number {
    if (this.inferred[c]) throw new WidenToCategory(c);
    return c;
  }

  /** An inferred int32 column met a non-integer: widen it in place (exact) if the value is a float. */
  private widenToFloat(c: number, buf: Uint8Array, s: number, e: number): void {
    const v = parseFloatBytes(buf, s, e, this.state);
    if (!this.state.ok) throw new WidenToCategory(c);
    const b = this.i32[c]!.toFloat64();
    this.i32[c] = undefined;
    this.f64[c] = b;
    this.kinds[c] = F64;
    b.push(v);
  }
}
